using System.Reflection;
using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WarmRestarts.Benchmarks;

[assembly: SupportedOSPlatform("linux")]

namespace WarmRestarts.Benchmarks.Tests;

/// <summary>
/// Keeps the benchmark project building and its benchmarks runnable in seconds (not the measurement itself): every
/// benchmark method of every parameter combination is run a few times directly and its result checked, and
/// BenchmarkDotNet itself runs one class with its in-process dry job (validators, parameter sources, baselines).
/// </summary>
[Collection(TorchSerial.Name)]
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> BenchmarkClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in BenchmarkTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void The_suite_has_the_benchmarks_of_issue_6()
    {
        var names = BenchmarkTypes().Select(t => t.Name).ToArray();
        Assert.Contains(nameof(ScheduleEvaluationBenchmarks), names);
        Assert.Contains(nameof(SchedulerStepBenchmarks), names);
        var steps = BenchmarkMethods(typeof(SchedulerStepBenchmarks)).Select(m => m.Name).ToArray();
        foreach (var torch in new[] { "CosineAnnealingLR", "StepLR", "OneCycleLR", "SequentialLR" })
        {
            Assert.Contains(steps, name => name.Contains(torch, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void Every_benchmark_of_every_parameter_combination_runs_and_returns_a_rate_in_range(string className)
    {
        var type = BenchmarkTypes().Single(t => t.Name == className);
        var combinations = 0;
        foreach (var instance in Instances(type))
        {
            combinations++;
            Invoke<GlobalSetupAttribute>(instance);
            try
            {
                foreach (var method in BenchmarkMethods(type))
                {
                    var operations = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
                    for (var i = 0; i < 3; i++)
                    {
                        var result = Assert.IsType<double>(method.Invoke(instance, null));
                        // Every benchmark returns a rate (or a sum of rates over its operations) of schedules peaking at 0.1.
                        Assert.True(double.IsFinite(result) && result >= 0 && result <= 0.1 * operations * (1 + 1e-12),
                            $"{type.Name}.{method.Name} ({Describe(instance)}) returned {result}");
                    }
                }
            }
            finally
            {
                Invoke<GlobalCleanupAttribute>(instance);
            }
        }

        Assert.True(combinations >= 1, $"{className} has {combinations} parameter combinations");
    }

    [Fact]
    public void Schedule_evaluation_near_2_pow_53_gives_the_same_rates_as_the_schedules()
    {
        foreach (var family in Families.Names)
        {
            var benchmark = new ScheduleEvaluationBenchmarks { Family = family, Range = "2^52" };
            benchmark.Setup();
            var schedule = Families.Create(family);
            var expected = 0.0;
            var random = new Random(53);
            for (var i = 0; i < ScheduleEvaluationBenchmarks.Points; i++)
            {
                expected += schedule.Evaluate(Math.Pow(2, 52) + (random.NextDouble() * Math.Pow(2, 52)));
            }

            Assert.Equal(expected, benchmark.Evaluate());
        }
    }

    [Fact]
    public void BenchmarkDotNet_runs_the_step_benchmarks_with_its_in_process_dry_job()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(BenchmarkDotNet.Loggers.NullLogger.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "warmrestarts-bench-smoke-" + Environment.ProcessId))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<SchedulerStepBenchmarks>(config);

        Assert.False(summary.HasCriticalValidationErrors, string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
        Assert.Equal(BenchmarkMethods(typeof(SchedulerStepBenchmarks)).Count() * 2, summary.Reports.Length);
        Assert.All(summary.Reports, report => Assert.True(report.Success, report.BenchmarkCase.DisplayInfo));
    }

    private static IEnumerable<Type> BenchmarkTypes() =>
        typeof(Families).Assembly.GetTypes().Where(t => t.IsPublic && BenchmarkMethods(t).Any()).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    /// <summary>One instance per combination of the [Params]/[ParamsSource] property values.</summary>
    private static IEnumerable<object> Instances(Type type)
    {
        var axes = new List<(PropertyInfo Property, object?[] Values)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ParamsAttribute>() is { } values)
            {
                axes.Add((property, values.Values));
            }
            else if (property.GetCustomAttribute<ParamsSourceAttribute>() is { } source)
            {
                var member = type.GetProperty(source.Name, BindingFlags.Public | BindingFlags.Static)!;
                axes.Add((property, [.. ((System.Collections.IEnumerable)member.GetValue(null)!).Cast<object?>()]));
            }
        }

        IEnumerable<object?[]> combinations = [[]];
        foreach (var axis in axes)
        {
            combinations = combinations.SelectMany(c => axis.Values.Select(v => (object?[])[.. c, v]));
        }

        foreach (var combination in combinations)
        {
            var instance = Activator.CreateInstance(type)!;
            for (var i = 0; i < axes.Count; i++)
            {
                axes[i].Property.SetValue(instance, combination[i]);
            }

            yield return instance;
        }
    }

    private static void Invoke<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }

    private static string Describe(object instance) =>
        string.Join(", ", instance.GetType().GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null || p.GetCustomAttribute<ParamsSourceAttribute>() is not null)
            .Select(p => $"{p.Name}={p.GetValue(instance)}"));
}
