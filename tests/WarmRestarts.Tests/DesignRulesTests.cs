using System.Reflection;
using WarmRestarts.Restarts;
using WarmRestarts.Specs;
using WarmRestarts.Tests.Family;

namespace WarmRestarts.Tests;

/// <summary>The library's design rules, checked over the whole core assembly (NodaTime style).</summary>
public class DesignRulesTests
{
    private static readonly Assembly Core = typeof(Schedule).Assembly;

    private static IEnumerable<Type> ScheduleTypes =>
        Core.GetTypes().Where(t => typeof(Schedule).IsAssignableFrom(t) && !t.IsAbstract);

    private static IReadOnlyList<Schedule> Catalog { get; } =
    [
        .. ScheduleCatalog.All,
        Schedules.WarmRestarts(0.1, 0.0, 10, 2),
        Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = 0.1, Floor = 1e-4, FirstCycle = 3, CycleGrowth = 1.5, PeakDecay = 0.5, DecayMode = PeakDecayMode.Amplitude,
            FloorDecay = 0.9, CycleLimit = 4, Warmup = 1, WarmupMode = WarmupMode.EveryCycle, WarmupStart = 0.01,
            Shape = CycleShape.StepHalving(3),
        }),
        Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 1e-3, FirstCycle = 10, Shape = CycleShape.Exponential }),
        Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, Warmup = 2, Shape = CycleShape.Polynomial(2) }),
        Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, Shape = CycleShape.Polynomial(2, 1.5) }),
        Schedules.Sequence([Schedules.Constant(0.1), Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, CycleLimit = 2, Shape = CycleShape.HyperbolicTangent(-7, 3) })], [double.Epsilon], restartClock: false),
        Schedules.CosineAnnealing(0.1, 0.0, 10, periodic: true),
        new WarmRestarts.Family.OneCycleSchedule(0.1, 100, extrapolate: true),
    ];

    [Fact]
    public void Every_concrete_schedule_is_sealed()
    {
        var unsealed = ScheduleTypes.Where(t => !t.IsSealed).Select(t => t.FullName).ToList();
        Assert.Empty(unsealed);
    }

    [Fact]
    public void Schedules_and_shapes_are_immutable()
    {
        var mutable = ScheduleTypes.Concat(Core.GetTypes().Where(t => typeof(CycleShape).IsAssignableFrom(t)))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is not null).Select(p => $"{t.Name}.{p.Name}"))
            .Concat(ScheduleTypes.SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly).Select(f => $"{t.Name}.{f.Name}")))
            .ToList();
        Assert.Empty(mutable);
    }

    [Fact]
    public void Every_schedule_type_is_in_the_catalog()
    {
        var covered = Catalog.Select(s => s.GetType()).ToHashSet();
        var missing = ScheduleTypes.Where(t => t.IsPublic && !covered.Contains(t)).Select(t => t.Name).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_schedule_round_trips_through_its_spec_text()
    {
        foreach (var schedule in Catalog)
        {
            var text = schedule.ToString();
            var parsed = ScheduleSpec.ParseSchedule(text);
            Assert.Equal(schedule, parsed);
            Assert.Equal(text, parsed.ToString());
            foreach (var t in new[] { 0, 0.5, 1, 2.5, 7, 10, 31, 99.9, 1e4, Schedule.MaxProgress })
            {
                Assert.Equal(schedule.Evaluate(t), parsed.Evaluate(t));
            }
        }
    }

    [Fact]
    public void The_core_depends_on_the_framework_only()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib").ToList();
        Assert.Empty(references);
    }

    [Fact]
    public void Argument_errors_are_schedule_argument_exceptions_with_one_line()
    {
        // Every public constructor of a schedule given NaN for its first double parameter fails in the one precondition style.
        var checkedConstructors = 0;
        foreach (var type in ScheduleTypes.Where(t => t.IsPublic))
        {
            foreach (var constructor in type.GetConstructors())
            {
                var parameters = constructor.GetParameters();
                if (parameters.Length == 0 || parameters[0].ParameterType != typeof(double))
                {
                    continue;
                }

                var arguments = parameters.Select(p => p.HasDefaultValue ? p.DefaultValue : Example(p.ParameterType)).ToArray();
                arguments[0] = double.NaN;
                var error = Assert.Throws<TargetInvocationException>(() => constructor.Invoke(arguments)).InnerException;
                var argumentError = Assert.IsType<ScheduleArgumentException>(error);
                Assert.DoesNotContain('\n', argumentError.Message);
                Assert.Contains("NaN", argumentError.Message, StringComparison.Ordinal);
                Assert.StartsWith(argumentError.ParamName!, argumentError.Message, StringComparison.Ordinal);
                checkedConstructors++;
            }
        }

        Assert.True(checkedConstructors >= 14, $"only {checkedConstructors} constructors checked");
    }

    private static object? Example(Type type) =>
        type == typeof(double) ? 1.0
        : type == typeof(int) ? 1
        : type == typeof(bool) ? false
        : type == typeof(IEnumerable<double>) ? new double[] { 1.0 }
        : type.IsValueType ? Activator.CreateInstance(type) : null;
}
