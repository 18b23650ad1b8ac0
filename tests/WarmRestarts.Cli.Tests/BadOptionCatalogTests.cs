namespace WarmRestarts.Cli.Tests;

/// <summary>
/// The bad-input catalogue of the command line: every option of values, plot and describe with missing, zero,
/// negative, non-finite, too large, malformed or conflicting values. Each run must exit 2 with one line on stderr
/// that names the option, says what was expected and what to do — no stack trace, nothing on stdout, no file.
/// </summary>
public sealed class BadOptionCatalogTests : IDisposable
{
    private const string Sgdr = "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)";
    private const string Torch = "torch.CosineAnnealingWarmRestarts(T_0=10)";
    private readonly string _folder = Directory.CreateTempSubdirectory("bad-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Arguments, a fragment naming the option, a fragment saying what was expected.</summary>
    public static TheoryData<string[], string, string> Catalogue()
    {
        var data = new TheoryData<string[], string, string>();
        foreach (var command in new[] { "values", "plot", "describe" })
        {
            data.Add([command], "SPEC", "e.g.");
            data.Add([command, Sgdr], "--steps", "e.g. --steps 100");
            data.Add([command, Sgdr, "--steps", "0"], "steps", "at least 1");
            data.Add([command, Sgdr, "--steps", "-5"], "steps", "at least 1");
            data.Add([command, Sgdr, "--steps", "2.5"], "steps", "whole number");
            data.Add([command, Sgdr, "--steps", "abc"], "steps", "whole number");
            data.Add([command, Sgdr, "--steps", "99999999999999999999999"], "steps", "whole number");
            data.Add([command, Sgdr, "--steps", "10000001"], "steps", "at most 10000000");
            data.Add([command, Torch, "--steps", "10", "--lr", "nan"], "--lr", "finite number >= 0");
            data.Add([command, Torch, "--steps", "10", "--lr", "-0.1"], "--lr", "finite number >= 0");
            data.Add([command, Torch, "--steps", "10", "--lr", "Infinity"], "--lr", "finite number >= 0");
            data.Add([command, Torch, "--steps", "10", "--lr", "1e999"], "--lr", "finite number >= 0");
            data.Add([command, Torch, "--steps", "10", "--lr", "fast"], "--lr", "number");
            data.Add([command, Torch, "--steps", "10", "--lrs", "0.1,,0.2"], "--lrs", "finite numbers");
            data.Add([command, Torch, "--steps", "10", "--lrs", "0.1,abc"], "--lrs", "finite numbers");
            data.Add([command, Torch, "--steps", "10", "--lrs", "0.1,nan"], "--lrs", "finite numbers");
            data.Add([command, Torch, "--steps", "10", "--lrs", "0.1,-1"], "--lrs", "finite number >= 0");
            data.Add([command, Torch, "--steps", "10", "--lrs", string.Join(',', Enumerable.Repeat("0.1", 1025))], "--lrs", "1 to 1024");
            data.Add([command, Torch, "--steps", "10", "--lr", "0.1", "--lrs", "0.1"], "--lr", "not both");
            data.Add([command, "torch.CyclicLR(base_lr=[0.001, 0.002], max_lr=[0.01, 0.02])", "--steps", "10", "--lrs", "0.1"], "groups", "one value per group");
            data.Add([command, Sgdr, "--steps", "10", "--stepz", "3"], "stepz", "--help");
            data.Add([command, "warm_restarts(peak=0.1, first_cycl=10)", "--steps", "10"], "first_cycl", "first_cycle");
            data.Add([command, "torch.OneCycleLR(max_lr=0.1, total_steps=100)", "--steps", "102"], "steps", "at most 101 steps");
            data.Add([command, "torch.CosineAnnealingLR(T_max=10, eta_min=0.5)", "--steps", "10"], "eta_min", "above the base rate");
        }

        data.Add(["values", Sgdr, "--steps", "10", "--format", "xml"], "--format", "table, csv or json");
        data.Add(["values", Sgdr, "--steps", "100001"], "table", "--format csv");
        data.Add(["values", Sgdr, "--steps", "10", "--momentum"], "--momentum", "drop --momentum");
        data.Add(["values", "--batch", Sgdr], "--batch", "drop SPEC");
        data.Add(["values", "--batch", "--steps", "3"], "--batch", "drop SPEC");
        data.Add(["values", "torch.ReduceLROnPlateau(patience=1)", "--steps", "5", "--metrics", "1,a"], "--metrics", "finite numbers");
        data.Add(["values", "torch.ReduceLROnPlateau(patience=1)", "--steps", "5", "--metrics", "1,nan"], "--metrics", "finite numbers");
        data.Add(["values", "torch.ReduceLROnPlateau(patience=1)", "--steps", "5", "--metrics", string.Empty], "--metrics", "finite numbers");
        data.Add(["values", "torch.ReduceLROnPlateau(patience=1)", "--steps", "5", "--metrics", "1,2,3,4,5,6,7"], "metrics", "at most");
        data.Add(["values", Sgdr, "--steps", "5", "--metrics", "1,2"], "metrics", "drop the metrics");
        data.Add(["plot", Sgdr, "--steps", "10", "--steps-per-epoch", "0"], "--steps-per-epoch", "at least 1");
        data.Add(["plot", Sgdr, "--steps", "10", "--steps-per-epoch", "-3"], "--steps-per-epoch", "at least 1");
        data.Add(["plot", Sgdr, "--steps", "2000001", "-o", "x.png"], "plot", "at most 2000000");
        data.Add(["plot", Sgdr, "--steps", "10", "-o", "x.jpg"], "-o", ".png or .svg");
        data.Add(["plot", Sgdr, "--steps", "10", "-o", string.Empty], "-o", ".png or .svg");
        data.Add(["nonsense", Sgdr], "nonsense", "--help");
        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Each_bad_option_exits_2_with_one_line_naming_it_what_was_expected_and_what_to_do(string[] args, string option, string expected)
    {
        var before = Directory.GetFileSystemEntries(_folder);
        var line = CliRunner.AssertBadInput(CliRunner.RunCore(string.Empty, showCaret: false, [.. args.Select(a => a == "x.png" || a == "x.jpg" ? Path.Combine(_folder, a) : a)]));
        Assert.True(line.Contains(option, StringComparison.Ordinal), $"'{option}' not named in: {line}");
        Assert.True(line.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in: {line}");
        Assert.True(HasAdvice(line), $"no advice (what to do) in: {line}");
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("png", "warm_restarts(peak=0.1, first_cycle=0)", "10")]
    [InlineData("svg", "warm_restarts(peak=0.1, first_cycle=10)", "0")]
    [InlineData("png", "warm_restarts(peak=0.1, first_cycle=10)", "3000000")]
    [InlineData("svg", "torch.CosineAnnealingLR(T_max=10)", "nan")]
    public void A_plot_that_fails_leaves_the_existing_file_intact_and_no_temporary_file(string extension, string spec, string steps)
    {
        var path = Path.Combine(_folder, "old." + extension);
        File.WriteAllText(path, "the previous plot");
        CliRunner.AssertBadInput(CliRunner.Run("plot", spec, "--steps", steps, "--lr", steps == "nan" ? "nan" : "0.1", "-o", path));
        Assert.Equal("the previous plot", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_plot_into_a_path_under_a_regular_file_fails_cleanly()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        var line = CliRunner.AssertBadInput(CliRunner.Run("plot", Sgdr, "--steps", "10", "-o", Path.Combine(file, "x.png")));
        Assert.Contains(Path.Combine(file, "x.png"), line, StringComparison.Ordinal);
        Assert.Equal([file], Directory.GetFileSystemEntries(_folder));
        Assert.Equal("x", File.ReadAllText(file));
    }

    private static bool HasAdvice(string line)
    {
        var semicolon = line.LastIndexOf("; ", StringComparison.Ordinal);
        return (semicolon > 0 && line.Length - semicolon > 6) || line.Contains("--help", StringComparison.Ordinal) || line.Contains("did you mean", StringComparison.Ordinal);
    }
}
