using System.Globalization;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Tests;

public class ValuesCommandTests
{
    private static double[][] ParseCsv(string text, out string header)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        header = lines[0];
        return [.. lines.Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())];
    }

    [Fact]
    public void Csv_of_sgdr_matches_the_paper_formula_and_the_core_exactly()
    {
        const string spec = "warm_restarts(peak=0.1, floor=0.001, first_cycle=5, cycle_growth=2)";
        var result = CliRunner.Run("values", spec, "--steps", "40", "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        var rows = ParseCsv(result.Out, out var header);
        Assert.Equal("step,group0", header);
        Assert.Equal(40, rows.Length);
        var schedule = ScheduleSpec.ParseSchedule(spec);
        for (var t = 0; t < 40; t++)
        {
            // SGDR eq. (5): cycles of 5, 10, 20 starting at 0, 5, 15, 35.
            var (start, length) = t < 5 ? (0, 5) : t < 15 ? (5, 10) : t < 35 ? (15, 20) : (35, 40);
            var expected = 0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * (t - start) / length)) / 2);
            Assert.Equal(t, rows[t][0]);
            Assert.Equal(expected, rows[t][1], 1e-15);
            Assert.Equal(schedule.Evaluate(t), rows[t][1]); // "R" round-trips: the exact double.
        }
    }

    [Fact]
    public void Csv_golden_for_torch_steplr_with_two_groups()
    {
        var result = CliRunner.Run("values", "torch.StepLR(step_size=2, gamma=0.5)", "--steps", "5", "--lrs", "1,0.1", "-f", "csv");
        Assert.Equal(0, result.ExitCode);

        // lr_g(t) = base_g * 0.5^floor(t / 2).
        Assert.Equal("step,group0,group1\n0,1,0.1\n1,1,0.1\n2,0.5,0.05\n3,0.5,0.05\n4,0.25,0.025\n", result.Out);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Csv_numbers_round_trip_for_torch_cosine_warm_restarts()
    {
        var result = CliRunner.Run("values", "torch.CosineAnnealingWarmRestarts(T_0=3, T_mult=2, eta_min=0.001)", "--steps", "12", "--lr", "0.05", "-f", "csv");
        var rows = ParseCsv(result.Out, out _);
        var definition = ScheduleSpec.Parse("torch.CosineAnnealingWarmRestarts(T_0=3, T_mult=2, eta_min=0.001)");
        var schedule = definition.RateFor(0, 0.05);
        for (var t = 0; t < 12; t++)
        {
            Assert.Equal(schedule.Evaluate(t), rows[t][1]);
            var (start, length) = t < 3 ? (0, 3) : t < 9 ? (3, 6) : (9, 12);
            Assert.Equal(0.001 + ((0.05 - 0.001) * (1 + Math.Cos(Math.PI * (t - start) / length)) / 2), rows[t][1], 1e-16);
        }
    }

    [Fact]
    public void Json_golden_has_the_canonical_spec_and_one_array_per_step()
    {
        var result = CliRunner.Run("values", "lr_scheduler.StepLR(step_size=2,gamma=0.5)", "--steps", "3", "--lrs", "1,0.1", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"spec\":\"torch.StepLR(step_size=2, gamma=0.5)\",\"lrs\":[[1,0.1],[1,0.1],[0.5,0.05]]}\n", result.Out);
    }

    [Fact]
    public void Table_golden_shows_six_significant_digits()
    {
        var result = CliRunner.Run("values", "warm_restarts(peak=1, first_cycle=4)", "--steps", "5");
        Assert.Equal(0, result.ExitCode);

        // (1 + cos(pi t / 4)) / 2 at t = 1, 2, 3: 0.853553, 0.5, 0.146447; restart at 4.
        var expected = string.Join('\n',
            "warm_restarts(peak=1.0, floor=0.0, first_cycle=4.0, cycle_growth=1.0)",
            "                   ",
            "  step         lr  ",
            "───────────────────",
            "     0          1  ",
            "     1   0.853553  ",
            "     2        0.5  ",
            "     3   0.146447  ",
            "     4          1  ",
            "                   ",
            string.Empty);
        Assert.Equal(expected, result.Console);
        Assert.Equal("0.853553", ((1 + Math.Cos(Math.PI / 4)) / 2).ToString("G6", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Momentum_columns_come_with_the_flag()
    {
        const string spec = "torch.OneCycleLR(max_lr=0.1, total_steps=10)";
        var result = CliRunner.Run("values", spec, "--steps", "11", "-f", "csv", "--momentum");
        Assert.Equal(0, result.ExitCode);
        var rows = ParseCsv(result.Out, out var header);
        Assert.Equal("step,group0,momentum0", header);
        var definition = ScheduleSpec.Parse(spec);
        var momentum = definition.MomentumFor(0, 0.1)!;
        for (var t = 0; t < 11; t++)
        {
            Assert.Equal(momentum.Evaluate(t), rows[t][2]);
        }

        // PyTorch: the peak is at step pct_start * total_steps - 1 = 2, where the rate is max_lr and the momentum
        // base_momentum (0.85); momentum starts at max_momentum (0.95).
        Assert.Equal(0.95, rows[0][2]);
        Assert.Equal(0.1, rows[2][1], 1e-15);
        Assert.Equal(0.85, rows[2][2], 1e-15);
        var noFlag = CliRunner.Run("values", spec, "--steps", "3", "-f", "csv");
        Assert.StartsWith("step,group0\n", noFlag.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Plateau_metrics_reduce_from_the_step_after_the_report()
    {
        // patience=0: the first metric sets the best; each worse one reduces by factor 0.1 at once.
        var result = CliRunner.Run("values", "torch.ReduceLROnPlateau(patience=0)", "--steps", "5", "--lr", "1", "--metrics", "1,2,3,0.5", "-f", "csv");
        Assert.Equal(0, result.ExitCode);
        var rows = ParseCsv(result.Out, out _);
        Assert.Equal(new[] { 1, 1, 0.1, 0.1 * 0.1, 0.1 * 0.1 }, rows.Select(r => r[1]), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Steps_past_a_one_cycle_end_are_refused()
    {
        var ok = CliRunner.Run("values", "torch.OneCycleLR(max_lr=0.1, total_steps=5)", "--steps", "6", "-f", "csv");
        Assert.Equal(0, ok.ExitCode);
        var message = CliRunner.AssertBadInput(CliRunner.Run("values", "torch.OneCycleLR(max_lr=0.1, total_steps=5)", "--steps", "7"));
        Assert.Contains("6 points", message, StringComparison.Ordinal);
        Assert.Contains("at most 6 steps", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad spec: at 41: unknown parameter 'T_mul'", "values", "torch.CosineAnnealingWarmRestarts(T_0=3, T_mul=2)", "--steps", "8")]
    [InlineData("bad spec: at 0: unknown schedule 'warm_restart'", "values", "warm_restart(peak=0.1, first_cycle=3)", "--steps", "8")]
    [InlineData("Unknown option 'stepz'", "values", "constant(value=1)", "--stepz", "8")]
    [InlineData("missing --steps", "values", "constant(value=1)")]
    [InlineData("missing SPEC", "values", "--steps", "3")]
    [InlineData("not both", "values", "constant(value=1)", "--steps", "3", "--lr", "0.1", "--lrs", "0.1,0.2")]
    [InlineData("--lrs expects comma-separated finite numbers", "values", "constant(value=1)", "--steps", "3", "--lrs", "0.1,x")]
    [InlineData("base rate 0 must be a finite number >= 0", "values", "constant(value=1)", "--steps", "3", "--lrs", "-1")]
    [InlineData("--format must be table, csv or json", "values", "constant(value=1)", "--steps", "3", "--format", "xml")]
    [InlineData("steps must be at least 1", "values", "constant(value=1)", "--steps", "0")]
    [InlineData("steps must be at most 10000000", "values", "constant(value=1)", "--steps", "10000001", "-f", "csv")]
    [InlineData("the table shows at most", "values", "constant(value=1)", "--steps", "100001")]
    [InlineData("has none; drop the metrics", "values", "constant(value=1)", "--steps", "3", "--metrics", "1,2")]
    [InlineData("does not cycle momentum", "values", "constant(value=1)", "--steps", "3", "--momentum")]
    [InlineData("parameter groups, but the optimizer has 1", "values", "torch.OneCycleLR(max_lr=[0.1, 0.2], total_steps=5)", "--steps", "3", "--lr", "0.1")]
    [InlineData("--batch reads everything from standard input", "values", "--batch", "constant(value=1)")]
    [InlineData("Unknown command 'fit'", "fit")]
    public void Bad_input_exits_2_with_one_line(string expected, params string[] args)
    {
        var message = CliRunner.AssertBadInput(CliRunner.Run(args));
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_error_caret_lines_follow_the_message_only_when_asked()
    {
        var result = CliRunner.RunCore(string.Empty, showCaret: true, ["values", "torch.CosineAnnealingWarmRestarts(T_0=3, T_mul=2)", "--steps", "3"]);
        Assert.Equal(2, result.ExitCode);
        var lines = result.ErrorLines;
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("bad spec: at 41:", lines[0], StringComparison.Ordinal);
        Assert.Equal("  torch.CosineAnnealingWarmRestarts(T_0=3, T_mul=2)", lines[1]);
        Assert.Equal(2 + 41, lines[2].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void Unexpected_errors_are_internal_errors_with_exit_1()
    {
        var (code, message) = CliApp.Classify(new InvalidOperationException("boom\nsecond line"));
        Assert.Equal(1, code);
        Assert.Equal("internal error (InvalidOperationException): boom second line", CliApp.OneLine(message));
        Assert.Equal(2, CliApp.Classify(new SpecException(3, "bad")).Code);
        Assert.Equal(2, CliApp.Classify(new IOException("disk")).Code);
    }

    [Fact]
    public void Help_exits_0()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("values", result.Console, StringComparison.Ordinal);
        Assert.Contains("describe", result.Console, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
