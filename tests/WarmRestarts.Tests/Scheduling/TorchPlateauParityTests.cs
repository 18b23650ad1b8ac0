using System.Text.Json;
using WarmRestarts.Scheduling;
using Xunit.Abstractions;

namespace WarmRestarts.Tests.Scheduling;

/// <summary>
/// Replays PyTorch's own ReduceLROnPlateau tests (Data/torch_plateau_cases.json, copied from
/// shared/reference/torch_test_suite.json, extracted from pytorch/pytorch@01f9ef32 test/optim/test_lrscheduler.py):
/// constant schedule at each group's base lr, <c>ReportMetric(metrics[k])</c> for k = 0..steps-1, rates checked after each call.
/// </summary>
public class TorchPlateauParityTests(ITestOutputHelper output)
{
    private static readonly string DataPath = Path.Combine(AppContext.BaseDirectory, "Data", "torch_plateau_cases.json");

    public static TheoryData<string> CaseIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var entry in LoadCases())
            {
                data.Add(entry.GetProperty("id").GetString()!);
            }

            return data;
        }
    }

    private static List<JsonElement> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DataPath));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Fact]
    public void All_ten_non_vacuous_cases_are_present()
    {
        var cases = LoadCases();
        Assert.Equal(10, cases.Count);
        Assert.All(cases, c => Assert.Equal("ReduceLROnPlateau", c.GetProperty("name").GetString()));
        Assert.All(cases, c => Assert.False(c.TryGetProperty("vacuous", out var v) && v.GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Replays_pytorch_case(string id)
    {
        var entry = LoadCases().Single(c => c.GetProperty("id").GetString() == id);
        var kwargs = entry.GetProperty("kwargs");
        var baseLrs = entry.GetProperty("base_lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var options = new PlateauOptions();
        foreach (var kw in kwargs.EnumerateObject())
        {
            options = kw.Name switch
            {
                "mode" => options with { Mode = kw.Value.GetString() == "min" ? PlateauMode.Min : PlateauMode.Max },
                "threshold_mode" => options with { ThresholdMode = kw.Value.GetString() == "rel" ? PlateauThresholdMode.Relative : PlateauThresholdMode.Absolute },
                "threshold" => options with { Threshold = kw.Value.GetDouble() },
                "patience" => options with { Patience = kw.Value.GetInt32() },
                "cooldown" => options with { Cooldown = kw.Value.GetInt32() },
                "factor" => options with { Factor = kw.Value.GetDouble() },
                "eps" => options with { Eps = kw.Value.GetDouble() },
                "min_lr" => options with
                {
                    MinRates = kw.Value.ValueKind == JsonValueKind.Array ? kw.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [kw.Value.GetDouble()],
                },
                _ => throw new InvalidOperationException($"unmapped kwarg {kw.Name}"),
            };
        }

        var groups = new ParameterGroups(baseLrs);
        var scheduler = new GroupScheduler(groups, baseLrs.Select(lr => (Schedule)new ConstantTestSchedule(lr)).ToArray(), TrainingClock.Steps,
            new GroupSchedulerOptions { Plateau = options });
        var steps = entry.GetProperty("steps").GetInt32();
        var metrics = entry.GetProperty("metrics").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var lrs = entry.GetProperty("lrs").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var checkedGroups = entry.GetProperty("groups_checked").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var atol = entry.GetProperty("tolerance").GetProperty("atol").GetDouble();
        var worstRelative = 0.0;
        for (var k = 0; k < steps; k++)
        {
            scheduler.ReportMetric(metrics[k]);
            for (var i = 0; i < checkedGroups.Length; i++)
            {
                var g = checkedGroups[i];
                var expected = lrs[k][i];
                var actual = groups.Rates[g];
                Assert.True(Math.Abs(actual - expected) <= atol, $"{id}: step {k} group {g}: expected {expected}, got {actual} (atol {atol})");
                worstRelative = Math.Max(worstRelative, Math.Abs(actual - expected) / Math.Abs(expected));
            }
        }

        output.WriteLine($"{id}: worst relative difference {worstRelative:R}");
        Assert.True(worstRelative <= 1e-12, $"{id}: relative difference {worstRelative:R} above 1e-12");
    }
}
