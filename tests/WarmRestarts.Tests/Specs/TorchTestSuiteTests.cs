using System.Globalization;
using System.Text.Json;
using WarmRestarts.Scheduling;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// PyTorch's own scheduler tests (Data/torch_test_suite.json, from test/optim/test_lrscheduler.py at
/// pytorch/pytorch@01f9ef32), replayed through the spec text with each entry's stepping and tolerance.
/// </summary>
public class TorchTestSuiteTests
{
    private static readonly Lazy<JsonElement[]> Entries = new(() =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "torch_test_suite.json"))).RootElement.EnumerateArray()]);

    public static TheoryData<string> NonVacuous()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries.Value.Where(e => !(e.TryGetProperty("vacuous", out var v) && v.GetBoolean())))
        {
            data.Add(entry.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Every_non_vacuous_entry_is_covered()
    {
        Assert.Equal(75, NonVacuous().Count);
        Assert.Equal(12, Entries.Value.Count(e => e.TryGetProperty("vacuous", out var v) && v.GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(NonVacuous))]
    public void Entry_matches_pytorch(string id)
    {
        var entry = Entries.Value.Single(e => e.GetProperty("id").GetString() == id);
        var spec = SpecOf(entry.GetProperty("name").GetString()!, entry.GetProperty("kwargs"));
        if (entry.TryGetProperty("error", out _))
        {
            // PyTorch raises ValueError at construction: the spec is refused at construction too, with a one-line message.
            var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(spec));
            Assert.DoesNotContain('\n', error.Message);
            var upstream = entry.GetProperty("executed_error").GetProperty("message").GetString()!;
            var key = upstream.Contains("anneal_strategy", StringComparison.Ordinal) ? "anneal_strategy"
                : upstream.Contains("mode is invalid", StringComparison.Ordinal) ? "mode of torch.CyclicLR"
                : upstream.TrimEnd('.');
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
            return;
        }

        var definition = ScheduleSpec.Parse(spec);
        var baseRates = entry.GetProperty("base_lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = entry.GetProperty("lrs").EnumerateArray().Select(row => row.EnumerateArray().Select(ReadNullable).ToArray()).ToArray();
        var steps = entry.GetProperty("steps").GetInt32();
        var atol = entry.GetProperty("tolerance").GetProperty("atol").GetDouble();
        var groupsChecked = entry.GetProperty("groups_checked").EnumerateArray().Select(g => g.GetInt32()).ToArray();
        var harness = entry.GetProperty("harness").GetString();

        double[][] actual;
        if (harness == "_test_reduce_lr_on_plateau")
        {
            var metrics = entry.GetProperty("metrics").EnumerateArray().Select(m => m.GetDouble()).ToArray();
            var groups = new ParameterGroups(baseRates);
            var scheduler = new GroupScheduler(groups, definition.RatesFor(baseRates), TrainingClock.Steps, new GroupSchedulerOptions { Plateau = definition.Plateau });
            actual = [.. Enumerable.Range(0, steps).Select(k =>
            {
                scheduler.ReportMetric(metrics[k]);
                return scheduler.Rates.ToArray();
            })];
        }
        else
        {
            var points = entry.TryGetProperty("step_args", out var args)
                ? args.EnumerateArray().Select(a => a.GetDouble()).ToArray()
                : [.. Enumerable.Range(0, steps).Select(t => (double)t)];
            var schedules = definition.RatesFor(baseRates);
            actual = [.. points.Take(steps).Select(t => schedules.Select(s => s.Evaluate(t)).ToArray())];
            if (definition.StepLimit is { } limit)
            {
                Assert.True(points.Length <= limit, $"{spec} evaluated past its step limit {limit}");
            }

            if (entry.TryGetProperty("expected_T_cur", out var tCur))
            {
                // _test_interleaved_CosineAnnealingWarmRestarts also checks T_cur after each step(epoch) but the first.
                var positions = tCur.EnumerateArray().Select(p => p.GetDouble()).ToArray();
                for (var k = 0; k < positions.Length; k++)
                {
                    Assert.True(schedules[0].TryGetCycle(points[k + 1], out var cycle));
                    Assert.Equal(positions[k], cycle.Position, 12);
                }
            }
        }

        Assert.True(actual.Length >= Math.Min(steps, expected.Length));
        for (var t = 0; t < Math.Min(steps, expected.Length); t++)
        {
            foreach (var g in groupsChecked)
            {
                var want = expected[t][g] ?? throw new InvalidOperationException($"{id}: no expected value at t={t}");
                Assert.True(Math.Abs(actual[t][g] - want) <= atol, $"{id} {spec}: t={t} group {g}: expected {want}, got {actual[t][g]}");
            }
        }

        if (entry.TryGetProperty("momentum_targets", out var momentumTargets))
        {
            CheckMomentum(id, definition, baseRates, momentumTargets, steps, atol);
        }
    }

    public static TheoryData<string> VacuousWithExecutedValues()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries.Value.Where(e => e.TryGetProperty("closed_form_lrs", out _)))
        {
            data.Add(entry.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VacuousWithExecutedValues))]
    public void Vacuous_entry_matches_the_executed_upstream_values(string id)
    {
        // Upstream compares nothing here; closed_form_lrs (step(epoch)) and chainable_lrs (step()) were produced by running PyTorch.
        var entry = Entries.Value.Single(e => e.GetProperty("id").GetString() == id);
        var definition = ScheduleSpec.Parse(SpecOf(entry.GetProperty("name").GetString()!, entry.GetProperty("kwargs")));
        var baseRates = entry.GetProperty("base_lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var schedules = definition.RatesFor(baseRates);
        foreach (var key in new[] { "closed_form_lrs", "chainable_lrs" })
        {
            var rows = entry.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            for (var t = 0; t < rows.Length; t++)
            {
                for (var g = 0; g < baseRates.Length; g++)
                {
                    var want = rows[t][g];
                    var got = schedules[g].Evaluate(t);
                    Assert.True(Math.Abs(got - want) <= 1e-12 * Math.Abs(want) + 1e-300, $"{id} {key}: t={t} group {g}: expected {want:R}, got {got:R}");
                }
            }
        }
    }

    private static void CheckMomentum(string id, ScheduleDefinition definition, double[] baseRates, JsonElement targets, int steps, double atol)
    {
        var perGroup = targets.EnumerateArray().Select(g => g.EnumerateArray().Select(ReadNullable).ToArray()).ToArray();
        var kwargs = definition.Spec;
        var cycles = !kwargs.Contains("cycle_momentum=False", StringComparison.Ordinal);
        Assert.Equal(cycles, definition.HasMomentum);
        for (var g = 0; g < perGroup.Length; g++)
        {
            var momentum = definition.MomentumFor(g, baseRates[g]);
            for (var t = 0; t < Math.Min(steps, perGroup[g].Length); t++)
            {
                if (perGroup[g][t] is not { } want)
                {
                    continue; // not checked upstream (optimizer without momentum)
                }

                // Without cycle_momentum the optimizer's own momentum (SGD default 0) stays untouched.
                var got = momentum?.Evaluate(t) ?? 0.0;
                Assert.True(Math.Abs(got - want) <= atol, $"{id}: momentum t={t} group {g}: expected {want}, got {got}");
            }
        }
    }

    private static double? ReadNullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    /// <summary>The spec text of an entry: torch.Name(kwargs) with nested schedulers as nested calls; "compound" is a chain.</summary>
    internal static string SpecOf(string name, JsonElement kwargs)
    {
        if (name == "compound")
        {
            name = "ChainedScheduler";
        }

        var arguments = kwargs.EnumerateObject().Select(p => p.Name + "=" + (p.Name == "schedulers"
            ? "[" + string.Join(", ", p.Value.EnumerateArray().Select(s => SpecOf(s.GetProperty("name").GetString()!, s.GetProperty("kwargs")))) + "]"
            : Python(p.Value)));
        return "torch." + name + "(" + string.Join(", ", arguments) + ")";
    }

    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => "'" + value.GetString() + "'",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Python)) + "]",
        _ => throw new InvalidOperationException(value.ToString()),
    };
}
