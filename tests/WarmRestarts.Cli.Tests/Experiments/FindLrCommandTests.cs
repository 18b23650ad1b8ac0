using WarmRestarts.Cli.Tests.Training;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Tests.Experiments;

/// <summary><c>find-lr</c> on a tiny IDX folder: suggestions, pasteable specs, the curve, and no effect on a later training.</summary>
[Collection(TrainSerial.Name)]
public sealed class FindLrCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("find-lr-tests-").FullName;
    private readonly string _data;

    public FindLrCommandTests()
    {
        _data = TinyIdx.Create(Path.Combine(_folder, "data"), trainCount: 256, testCount: 100);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CliResult Run(params string[] args) => CliRunner.RunCore(string.Empty, false, args, null, null, default);

    private string[] FindLr(params string[] more) => ["find-lr", "--data", _data, "--batch-size", "32", "--iterations", "40", "--start", "1e-5", "--end", "10", .. more];

    [Fact]
    public void It_prints_the_suggestions_and_specs_that_parse_and_a_text_chart()
    {
        var result = Run(FindLr());
        Assert.True(result.ExitCode == 0, result.Error + result.Shown);
        Assert.Contains("cyclic / warm restarts: max (peak, η_max)", result.Shown, StringComparison.Ordinal);
        Assert.Contains("one-cycle: max_lr", result.Shown, StringComparison.Ordinal);
        Assert.Contains("┤", result.Out, StringComparison.Ordinal);
        Assert.Contains("^ max (peak) ", result.Out, StringComparison.Ordinal);

        // Every printed --schedule is a spec the library takes; the one-cycle one fits the 8 batches of an epoch here.
        var specs = result.Out.Split('\n').Where(l => l.Contains("--schedule \"", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("--schedule \"", StringComparison.Ordinal) + 12)..l.LastIndexOf('"')]).ToArray();
        Assert.Equal(4, specs.Length);
        Assert.All(specs, spec => Assert.NotNull(ScheduleSpec.Parse(spec)));
        Assert.Contains(specs, s => s.StartsWith("torch.OneCycleLR(", StringComparison.Ordinal) && s.EndsWith("epochs=30, steps_per_epoch=8)", StringComparison.Ordinal));
    }

    [Fact]
    public void It_draws_the_curve_to_a_png()
    {
        var png = Path.Combine(_folder, "lr.png");
        var result = Run(FindLr("-o", png));
        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.DoesNotContain("┤", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_after_it_equals_one_without_it()
    {
        string[] Train(string output) => ["train", "--data", _data, "--epochs", "2", "--batch-size", "32", "--seed", "3", "--schedule", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=1)", "--out", output];
        var before = Path.Combine(_folder, "before");
        var after = Path.Combine(_folder, "after");
        Assert.Equal(0, Run(Train(before)).ExitCode);
        Assert.Equal(0, Run(FindLr("--seed", "3")).ExitCode);
        Assert.Equal(0, Run(Train(after)).ExitCode);

        // Same losses and accuracies in every epoch (the seconds columns differ, so compare the metric and rate columns).
        static string[][] Metrics(string folder) => [.. File.ReadAllLines(Path.Combine(folder, "epochs.csv")).Select(l => l.Split(',')[..7])];
        Assert.Equal(Metrics(before), Metrics(after));
    }

    [Fact]
    public void Bad_ranges_are_refused_in_one_line() =>
        Assert.Contains("end rate", CliRunner.AssertBadInput(Run(FindLr("--end", "1e-6"))), StringComparison.Ordinal);
}
