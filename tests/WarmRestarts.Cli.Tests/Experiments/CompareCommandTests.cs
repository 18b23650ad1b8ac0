using System.Text.RegularExpressions;
using SkiaSharp;
using WarmRestarts.Cli.Commands;
using WarmRestarts.Cli.Experiments;
using WarmRestarts.Cli.Tests.Training;
using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.Cli.Tests.Experiments;

/// <summary><c>compare</c> end to end on a tiny IDX folder: 2 schedules × 2 seeds × 2 epochs, its report, resuming, errors.</summary>
[Collection(TrainSerial.Name)]
public sealed partial class CompareCommandTests : IDisposable
{
    private const string Cosine = "torch.CosineAnnealingLR(T_max=2)";
    private const string Sgdr = "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=1)";

    private readonly string _folder = Directory.CreateTempSubdirectory("compare-tests-").FullName;
    private readonly string _data;

    public CompareCommandTests()
    {
        _data = TinyIdx.Create(Path.Combine(_folder, "data"), trainCount: 256, testCount: 100);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Args(string output, params string[] more) =>
        ["compare", "--schedules", Cosine, Sgdr, "--seeds", "2", "--epochs", "2", "--data", _data, "--batch-size", "32", "--lr", "0.05", "--out", output, .. more];

    private static CliResult Compare(params string[] args) => CliRunner.RunCore(string.Empty, false, args, null, null, default);

    [Fact]
    public void A_tiny_comparison_trains_paired_runs_and_writes_both_reports()
    {
        var output = Path.Combine(_folder, "cmp");
        var result = Compare(Args(output));

        Assert.True(result.ExitCode == 0, result.Error + result.Shown);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs"), ExperimentRunner.OutcomeFile, SearchOption.AllDirectories).Length);
        Assert.Contains("run 4/4: " + Sgdr + ", seed 1: training 2 epochs", result.Shown, StringComparison.Ordinal);
        Assert.Contains("S2: " + Sgdr, result.Shown, StringComparison.Ordinal);

        var markdown = File.ReadAllText(Path.Combine(output, ComparisonReport.MarkdownFile));
        Assert.Contains("| S1 | " + Cosine + " |", markdown, StringComparison.Ordinal);
        Assert.Contains("| S2 | " + Sgdr + " |", markdown, StringComparison.Ordinal);
        Assert.Contains("(baseline)", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| S2 \| [^|]+ \| \d+\.\d\d % \| \d+\.\d\d pt \| [+−]?\d+\.\d\d pt \[[+−]?\d+\.\d\d, [+−]?\d+\.\d\d\] \|", markdown);
        Assert.Matches(@"\| S1 \| 0 \| \d+\.\d\d % \|", markdown); // per seed: seeds 0 and 1 (from --seed 0)
        Assert.Matches(@"\| S2 \| 1 \| \d+\.\d\d % \|", markdown);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));

        // The same command again: every run is found finished, nothing retrains, the numbers are the same.
        var again = Compare(Args(output));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(4, CountOf(again.Shown, "already finished, reusing it"));
        Assert.DoesNotContain("training 2 epochs", again.Shown, StringComparison.Ordinal);
        Assert.Equal(WithoutDate(markdown), WithoutDate(File.ReadAllText(Path.Combine(output, ComparisonReport.MarkdownFile))));
    }

    [Fact]
    public void An_interrupted_comparison_resumes_the_stopped_run_and_reports_what_an_uninterrupted_one_does()
    {
        var whole = Path.Combine(_folder, "whole");
        Assert.Equal(0, Compare(Args(whole)).ExitCode);

        // Ctrl+C during the first run's second epoch: its checkpoint after epoch 1 stays.
        var split = Path.Combine(_folder, "split");
        using var stop = new CancellationTokenSource();
        var stopped = CliRunner.RunCore(string.Empty, false, Args(split), null, console => new CancellingConsole(console, "epoch 1/2", stop), stop.Token);
        Assert.Equal(TrainCommand.Interrupted, stopped.ExitCode);
        Assert.Equal($"stopped: 0 finished runs are kept in {split}; continue with the same command and --out {split}", Assert.Single(stopped.ErrorLines));

        var resumed = Compare(Args(split));
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("run 1/4: " + Cosine + ", seed 0: resuming from its checkpoint", resumed.Shown, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(resumed.Shown, ": training 2 epochs"));

        // Accuracies (per seed, per epoch) as without the interruption; only the timing columns may differ.
        static string Accuracies(string folder)
        {
            var markdown = File.ReadAllText(Path.Combine(folder, ComparisonReport.MarkdownFile));
            return markdown[markdown.IndexOf("## Anytime", StringComparison.Ordinal)..];
        }

        Assert.Equal(Accuracies(whole), Accuracies(split));
    }

    [Fact]
    public void The_html_report_renders_in_headless_chromium_with_its_charts()
    {
        var output = Path.Combine(_folder, "html");
        Assert.Equal(0, Compare(Args(output)).ExitCode);
        var page = Path.Combine(output, ComparisonReport.HtmlFile);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // The DOM chromium built: the table and three inline SVG charts; the anytime chart has a marker per schedule
        // and epoch, the final-accuracy chart a dot per run.
        var dom = HeadlessChromium.Run(page, "--dump-dom");
        Assert.Contains("<table id=\"summary\">", dom, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(dom[dom.IndexOf("<tbody>", StringComparison.Ordinal)..dom.IndexOf("</tbody>", StringComparison.Ordinal)], "<tr>"));
        foreach (var (id, markers) in new[] { ("anytime", 2 * 2), ("final", 2 * 2), ("cost", 0) })
        {
            var figure = Figure(dom, id);
            Assert.Contains("<svg", figure, StringComparison.Ordinal);
            Assert.True(CountOf(figure, "<ellipse") >= markers, $"{id}: {CountOf(figure, "<ellipse")} markers");
            Assert.True(PathData().Count(figure) > 5, $"{id}: no drawn paths");
        }

        // Rendered: a screenshot with chart ink on it (not a blank page).
        var shot = Path.Combine(_folder, "shot.png");
        HeadlessChromium.Run(page, $"--screenshot={shot}", "--window-size=1200,1800");
        using var bitmap = SKBitmap.Decode(shot);
        Assert.NotNull(bitmap);
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                var pixel = bitmap.GetPixel(x, y);
                ink += pixel.Red < 200 || pixel.Green < 200 || pixel.Blue < 200 ? 1 : 0;
            }
        }

        Assert.True(ink > 2000, $"only {ink} sampled pixels are not white");
    }

    [Fact]
    public void Bad_input_fails_in_one_line_before_training()
    {
        Assert.Contains("at least two", CliRunner.AssertBadInput(Compare("compare", "--schedules", Cosine, "--data", _data)), StringComparison.Ordinal);
        Assert.Contains("bad spec", CliRunner.AssertBadInput(Compare("compare", "--schedules", Cosine, "torch.NoSuchLR(x=1)", "--data", _data, "--out", Path.Combine(_folder, "bad"))), StringComparison.Ordinal);
        Assert.Contains("--seeds", CliRunner.AssertBadInput(Compare([.. Args(Path.Combine(_folder, "bad")), "--seeds", "0"])), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "bad")));
    }

    private static string Figure(string dom, string id)
    {
        var start = dom.IndexOf($"<figure id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no figure {id}");
        return dom[start..dom.IndexOf("</figure>", start, StringComparison.Ordinal)];
    }

    private static int CountOf(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static string WithoutDate(string markdown) => Regex.Replace(markdown, "written .*", string.Empty);

    [GeneratedRegex(@"<path[^>]* d=""M[^""]{20,}""")]
    private static partial Regex PathData();
}
