using System.Globalization;
using System.Text.Json;
using WarmRestarts.Cli.Running;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Tests;

public class BatchTests
{
    private static string[] Batch(params string[] lines)
    {
        var result = CliRunner.RunWithInput(string.Join('\n', lines) + "\n", "values", "--batch");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.EndsWith("\n", result.Out, StringComparison.Ordinal);
        return result.Out.Split('\n')[..^1];
    }

    private static double[][] Lrs(string line)
    {
        using var document = JsonDocument.Parse(line);
        Assert.False(document.RootElement.TryGetProperty("error", out var error), error.ToString());
        return [.. document.RootElement.GetProperty("lrs").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
    }

    private static string Error(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public void Empty_input_gives_no_output()
    {
        var result = CliRunner.RunWithInput(string.Empty, "values", "--batch");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Order_is_kept_and_bad_lines_answer_with_an_error_only()
    {
        var answers = Batch(
            """{"spec": "constant(value=0.5)", "steps": 2}""",
            """{"spec": "warm_restart(peak=0.1, first_cycle=3)", "steps": 2}""",
            "not json",
            """{"spec": "step(initial=1, step_size=1, gamma=0.5)", "steps": 3}""",
            string.Empty,
            """[1, 2]""",
            """{"spec": "constant(value=0.25)", "steps": 1}""");
        Assert.Equal(7, answers.Length);
        Assert.Equal("""{"lrs":[[0.5],[0.5]]}""", answers[0]);
        Assert.StartsWith("bad spec: at 0: unknown schedule 'warm_restart'", Error(answers[1]), StringComparison.Ordinal);
        Assert.StartsWith("bad JSON:", Error(answers[2]), StringComparison.Ordinal);
        Assert.Equal("""{"lrs":[[1],[0.5],[0.25]]}""", answers[3]);
        Assert.StartsWith("empty line", Error(answers[4]), StringComparison.Ordinal);
        Assert.StartsWith("expected a JSON object", Error(answers[5]), StringComparison.Ordinal);
        Assert.Equal("""{"lrs":[[0.25]]}""", answers[6]);
    }

    [Theory]
    [InlineData("""{"steps": 3}""", "missing \"spec\"")]
    [InlineData("""{"spec": "constant(value=1)"}""", "missing \"steps\"")]
    [InlineData("""{"spec": 5, "steps": 3}""", "\"spec\" must be a string")]
    [InlineData("""{"spec": "constant(value=1)", "steps": "3"}""", "\"steps\" must be a whole number")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 2.5}""", "\"steps\" must be a whole number")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 0}""", "steps must be at least 1")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 10000001}""", "steps must be at most 10000000")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "base_lrs": 0.1}""", "\"base_lrs\" must be an array")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "base_lrs": [0.1, "x"]}""", "\"base_lrs\"[1] must be a finite number")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "base_lrs": []}""", "base_lrs must give 1 to 1024 base rates")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "at": [-1]}""", "\"at\"[0] must be >= 0")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "at": []}""", "\"at\" is empty")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "metrics": [1]}""", "has none; drop the metrics")]
    [InlineData("""{"spec": "constant(value=1)", "steps": 3, "lr": 1}""", "unknown field \"lr\"")]
    [InlineData("""{"spec": "torch.OneCycleLR(max_lr=0.1, total_steps=5)", "steps": 7}""", "can be evaluated at 6 points")]
    [InlineData("""{"spec": "torch.OneCycleLR(max_lr=0.1, total_steps=5)", "steps": 3, "at": [5.5]}""", "past the end")]
    [InlineData("""{"spec": "torch.OneCycleLR(max_lr=[0.1, 0.2], total_steps=5)", "steps": 3, "base_lrs": [0.1]}""", "per-group lists for 2 parameter groups")]
    public void Bad_requests_answer_one_error_line_and_the_batch_goes_on(string request, string expected)
    {
        var answers = Batch(request, """{"spec": "constant(value=1)", "steps": 1}""");
        Assert.Equal(2, answers.Length);
        Assert.Contains(expected, Error(answers[0]), StringComparison.Ordinal);
        Assert.Equal("""{"lrs":[[1]]}""", answers[1]);
    }

    [Fact]
    public void Fractional_at_points_equal_evaluate_at_those_points()
    {
        const string spec = "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001)";
        double[] at = [0, 0.5, 9.99, 10, 10.25, 29.5, 31, 100.125];
        var request = JsonSerializer.Serialize(new { spec, steps = 200, base_lrs = new[] { 0.1, 0.02 }, at });
        var rows = Lrs(Batch(request)[0]);
        Assert.Equal(at.Length, rows.Length);
        var definition = ScheduleSpec.Parse(spec);
        for (var i = 0; i < at.Length; i++)
        {
            Assert.Equal(definition.RateFor(0, 0.1).Evaluate(at[i]), rows[i][0]);
            Assert.Equal(definition.RateFor(1, 0.02).Evaluate(at[i]), rows[i][1]);
        }

        // Independent check of one point: cycle 1 runs [10, 30), T_cur = 0.25, T_i = 20.
        Assert.Equal(0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * 0.25 / 20)) / 2), rows[4][0], 1e-16);
    }

    [Fact]
    public void Torch_spec_with_base_lrs_scales_each_group()
    {
        var rows = Lrs(Batch("""{"spec": "torch.MultiStepLR(milestones=[2, 4], gamma=0.1)", "steps": 5, "base_lrs": [1, 0.5]}""")[0]);
        double[][] expected = [[1, 0.5], [1, 0.5], [0.1, 0.05], [0.1, 0.05], [0.01, 0.005]];
        Assert.Equal(expected.Length, rows.Length);
        for (var t = 0; t < rows.Length; t++)
        {
            Assert.Equal(expected[t][0], rows[t][0], 1e-17);
            Assert.Equal(expected[t][1], rows[t][1], 1e-17);
        }
    }

    [Fact]
    public void Plateau_metrics_give_the_same_rates_for_steps_and_for_integer_at_points()
    {
        const string spec = "torch.ReduceLROnPlateau(patience=1, factor=0.5)";
        var steps = Lrs(Batch($$"""{"spec": "{{spec}}", "steps": 7, "base_lrs": [1, 0.1], "metrics": [3, 3, 3, 2, 2, 2]}""")[0]);
        var at = Lrs(Batch($$"""{"spec": "{{spec}}", "steps": 7, "base_lrs": [1, 0.1], "metrics": [3, 3, 3, 2, 2, 2], "at": [0, 1, 2, 3, 4, 5, 6]}""")[0]);
        Assert.Equal(steps, at);

        // PyTorch, patience 1: bad reports at metrics 2 and 3 (the second reduces), improvement at 4, bad at 5 and 6 (reduces).
        Assert.Equal(new[] { 1, 1, 1, 0.5, 0.5, 0.5, 0.25 }, steps.Select(r => r[0]));
    }

    [Fact]
    public void Values_csv_and_batch_agree()
    {
        const string spec = "warmup(schedule=cosine_annealing(peak=0.1, length=20), length=5)";
        var csv = CliRunner.Run("values", spec, "--steps", "30", "-f", "csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var batch = Lrs(Batch(JsonSerializer.Serialize(new { spec, steps = 30 }))[0]).Select(r => r[0]).ToArray();
        Assert.Equal(csv, batch);
    }

    [Fact]
    public void Runner_answers_thousands_of_lines_with_one_line_each()
    {
        var input = new System.Text.StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            input.Append(CultureInfo.InvariantCulture, $$"""{"spec": "torch.CosineAnnealingWarmRestarts(T_0={{(i % 50) + 1}}, T_mult=2)", "steps": 20, "base_lrs": [0.1]}""").Append('\n');
        }

        using var output = new StringWriter();
        var lines = new BatchRunner(output).Run(new StringReader(input.ToString()));
        Assert.Equal(2000, lines);
        var answers = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, answers.Length);
        Assert.All(answers, a => Assert.StartsWith("{\"lrs\":[[0.1],", a, StringComparison.Ordinal));
    }
}
