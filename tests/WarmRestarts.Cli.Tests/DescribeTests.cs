using WarmRestarts.Cli.Inspection;
using WarmRestarts.Restarts;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Tests;

public class DescribeTests
{
    private static string Describe(string spec, int steps, params string[] extra)
    {
        var result = CliRunner.Run(["describe", spec, "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        return result.Console;
    }

    private static string[] Warnings(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith("warning [", StringComparison.Ordinal)).Select(l => l["warning [".Length..l.IndexOf(']', StringComparison.Ordinal)])];

    private static string Fix(string output, string code)
    {
        var lines = output.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith($"warning [{code}]", StringComparison.Ordinal));
        Assert.True(index >= 0, output);
        Assert.StartsWith("  fix: ", lines[index + 1], StringComparison.Ordinal);
        return lines[index + 1];
    }

    [Fact]
    public void Fitted_sgdr_has_its_cycles_and_no_warnings()
    {
        var output = Describe("warm_restarts(peak=0.1, floor=0.001, first_cycle=10, cycle_growth=2)", 70);
        Assert.Contains("lint: no warnings", output, StringComparison.Ordinal);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && long.TryParse(c[0], out _)).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(["0", "0", "10", "0.1", "0.001"], rows[0]);
        Assert.Equal(["1", "10", "20", "0.1", "0.001"], rows[1]);
        Assert.Equal(["2", "30", "40", "0.1", "0.001"], rows[2]);
    }

    [Theory]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_limit=3, cycle_decay=0.5, warmup_t=3)")] // warm-up overlay (warmup_prefix=False)
    [InlineData("timm.TanhLRScheduler(t_initial=10, cycle_limit=3, cycle_decay=0.5)")] // t = 0 held at the constructor's base rate
    public void Timm_cycles_are_found_behind_the_warmup_overlay_and_the_constructor_value(string spec)
    {
        var output = Describe(spec, 30);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && long.TryParse(c[0], out _)).ToArray();
        Assert.Equal(["0", "10", "20"], rows.Select(r => r[1]));
        Assert.Equal("0.05", rows[1][3][..4]);
        Assert.DoesNotContain("E-324", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ending_mid_cycle_suggests_the_budget_fit()
    {
        var output = Describe("warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)", 50);
        Assert.Equal(["ends-mid-cycle"], Warnings(output));
        var fit = CycleBudget.Fit(50, 3, 2).ToString();
        Assert.Contains(fit, Fix(output, "ends-mid-cycle"), StringComparison.Ordinal);
        Assert.Contains("first_cycle=7", fit, StringComparison.Ordinal); // 50 / 7 = 7.14: 7 ends cycle 3 at 49
    }

    [Theory]
    [InlineData("torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)", "T_0")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_mul=2, cycle_limit=10)", "t_initial")]
    [InlineData("keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=2.0)", "first_decay_steps")]
    public void Budget_fit_names_the_first_cycle_as_the_specs_library_does(string spec, string name)
    {
        var output = Describe(spec, 50);
        Assert.Equal(["ends-mid-cycle"], Warnings(output));
        Assert.Contains(CycleBudget.Fit(50, 3, 2).Describe(name), Fix(output, "ends-mid-cycle"), StringComparison.Ordinal);
        Assert.Contains(name + "=7 ends cycle 3 at 49", Fix(output, "ends-mid-cycle"), StringComparison.Ordinal);
        Assert.DoesNotContain("first_cycle=", Fix(output, "ends-mid-cycle"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ending_just_after_a_cycle_starts_low_is_not_flagged_but_a_high_end_is()
    {
        // 71 points: t = 70 is the restart (the peak) — the run ends on a high rate in cycle 3.
        Assert.Equal(["ends-mid-cycle"], Warnings(Describe("warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)", 71)));

        // 68 points: t = 67 is near the floor of cycle 2 (37/40 of the way).
        Assert.Empty(Warnings(Describe("warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)", 68)));
    }

    [Fact]
    public void Warmup_longer_than_the_first_cycle_is_flagged()
    {
        var output = Describe("warm_restarts(peak=0.1, first_cycle=5, warmup=8)", 98);
        Assert.Equal(["warmup-longer-than-cycle"], Warnings(output));
        Assert.Contains("shorten the warm-up to at most 5", Fix(output, "warmup-longer-than-cycle"), StringComparison.Ordinal);
    }

    [Fact]
    public void Outer_warmup_counts_too()
    {
        var output = Describe("warmup(schedule=warm_restarts(peak=0.1, first_cycle=4), length=6)", 26);
        Assert.Contains("warmup-longer-than-cycle", Warnings(output));
    }

    [Fact]
    public void Floor_at_peak_is_flagged()
    {
        var output = Describe("torch.CosineAnnealingWarmRestarts(T_0=10, eta_min=0.1)", 100, "--lr", "0.1");
        Assert.Equal(["floor-at-peak"], Warnings(output));
        Assert.Contains("constant(value=0.1)", Fix(output, "floor-at-peak"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_limit_long_before_the_end_is_flagged()
    {
        var output = Describe("warm_restarts(peak=0.1, first_cycle=10, cycle_limit=2)", 100);
        Assert.Equal(["cycle-limit-early"], Warnings(output));
        Assert.Contains("80%", output, StringComparison.Ordinal);
        Assert.Contains(CycleBudget.Fit(100, 2, 1).ToString(), Fix(output, "cycle-limit-early"), StringComparison.Ordinal);
        Assert.Contains("limit", output.Split('\n').Single(l => l.Contains("(floor holds)", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void First_cycle_longer_than_the_run_is_flagged()
    {
        var output = Describe("torch.CosineAnnealingWarmRestarts(T_0=100)", 50);
        Assert.Equal(["first-cycle-longer-than-run"], Warnings(output));
        Assert.Contains(CycleBudget.Fit(50, 2, 1).Describe("T_0") + "; or T_0=50 for a single annealing", Fix(output, "first-cycle-longer-than-run"), StringComparison.Ordinal);
    }

    [Fact]
    public void Keras_restarts_show_decayed_peaks_over_an_undecayed_floor()
    {
        // keras m_mul=0.5, alpha=0.1: peak_i = alpha * lr + (1 - alpha) * lr * 0.5^i, the floor stays alpha * lr.
        var output = Describe("keras.CosineDecayRestarts(0.1, 10, m_mul=0.5, alpha=0.1)", 70);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && long.TryParse(c[0], out _)).ToArray();
        Assert.Equal(["0", "0", "10", "0.1", "0.01"], rows[0]);
        Assert.Equal(["1", "10", "20", "0.055", "0.01"], rows[1]);
        Assert.Equal(["2", "30", "40", "0.0325", "0.01"], rows[2]);

        // Keras PolynomialDecay(cycle=True) restarts at each multiple of decay_steps, with lower peaks.
        output = Describe("keras.PolynomialDecay(0.1, 10, 0.0, 1.0, True)", 30);
        rows = [.. output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && long.TryParse(c[0], out _))];
        Assert.Equal(["0", "10", "20"], rows.Select(r => r[1]));
        Assert.DoesNotContain("decay ends", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keras.PiecewiseConstantDecay(boundaries=[30, 80], values=[0.1, 0.05, 0.01])")] // boundary in the earlier segment
    [InlineData("optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={30: 0.5, 80: 0.2})")] // boundary in the later one
    public void Rate_after_a_value_change_is_the_new_value_whichever_segment_the_boundary_belongs_to(string spec)
    {
        var output = Describe(spec, 100);
        var rows = output.Split('\n').Where(l => l.Contains("value change", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("30", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("0.05", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("80", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("0.01", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Schedules_without_restarts_list_their_milestones()
    {
        var output = Describe("torch.MultiStepLR(milestones=[30, 80], gamma=0.1)", 100);
        Assert.Contains("milestones", output, StringComparison.Ordinal);
        var rows = output.Split('\n').Where(l => l.Contains("step decay", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("30", rows[0].Trim(), StringComparison.Ordinal);
        Assert.EndsWith("0.01", rows[0].Trim(), StringComparison.Ordinal);
        Assert.StartsWith("80", rows[1].Trim(), StringComparison.Ordinal);
        Assert.Contains("lint: no warnings", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_is_found_inside_composites_with_its_time_mapping()
    {
        var inner = "warm_restarts(peak=0.1, first_cycle=10)";
        var stretched = ScheduleInspector.FindEngine(ScheduleSpec.ParseSchedule($"stretch(schedule={inner}, factor=4)"))!;
        Assert.Equal((0.0, 4.0), (stretched.Offset, stretched.Scale));
        var sequenced = ScheduleInspector.FindEngine(ScheduleSpec.ParseSchedule($"sequence(schedules=[constant(value=0.01), warmup(schedule={inner}, length=5)], boundaries=[20])"))!;
        Assert.Equal((25.0, 1.0), (sequenced.Offset, sequenced.Scale));
        Assert.Equal(40.0, sequenced.Global(15));
        var scaled = ScheduleInspector.FindEngine(ScheduleSpec.ParseSchedule($"scale(schedule=clamp(schedule={inner}, minimum=0.0, maximum=0.05), factor=2)"))!;
        Assert.Equal(0.1, scaled.Engine.Peak);
        Assert.Null(ScheduleInspector.FindEngine(ScheduleSpec.ParseSchedule("constant(value=0.1)")));
    }

    [Fact]
    public void Cycles_of_a_sequence_start_where_the_restarting_part_starts()
    {
        var output = Describe("sequence(schedules=[constant(value=0.01), warm_restarts(peak=0.1, first_cycle=10)], boundaries=[20])", 60);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5 && long.TryParse(c[0], out _)).ToArray();
        Assert.Equal(["20", "30", "40", "50"], rows.Select(r => r[1]));
        Assert.Empty(Warnings(output));
    }
}
