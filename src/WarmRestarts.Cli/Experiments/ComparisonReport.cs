using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;
using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.Cli.Experiments;

/// <summary>
/// The report of a comparison, as Markdown (<see cref="MarkdownFile"/>) and as one self-contained HTML page
/// (<see cref="HtmlFile"/>: inline CSS and inline SVG charts drawn by ScottPlot, no scripts, nothing fetched).
/// </summary>
internal static class ComparisonReport
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    private const int ChartWidth = 900;
    private const int ChartHeight = 420;

    /// <summary>Writes both files into <paramref name="folder"/>, atomically.</summary>
    /// <param name="folder">The comparison's folder.</param>
    /// <param name="summary">What it found.</param>
    /// <param name="context">Lines describing the setup (data, model, optimizer, epochs, seeds).</param>
    public static void Write(string folder, ComparisonSummary summary, IReadOnlyList<string> context)
    {
        TorchSharp.AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), Markdown(summary, context));
        TorchSharp.AtomicFile.WriteAllText(Path.Combine(folder, HtmlFile), Html(summary, context));
    }

    /// <summary>The rows of the main table: one per schedule.</summary>
    public static IReadOnlyList<string[]> Rows(ComparisonSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return
        [
            .. summary.Arms.Select((arm, i) => new[]
            {
                Name(i),
                arm.Label,
                ReportText.Percent(arm.MeanFinal),
                ReportText.Spread(arm.StandardDeviationFinal),
                i == 0 ? "(baseline)" : ReportText.Interval(arm.DifferenceToBaseline),
                EpochsText(arm),
                i == 0 ? "(baseline)" : double.IsNaN(arm.SpeedUp.Median) ? "—" : double.IsPositiveInfinity(arm.SpeedUp.Median) ? "∞×" : string.Create(CultureInfo.InvariantCulture, $"{arm.SpeedUp.Median:0.00}×"),
                arm.EnsembleAccuracy.Count == 0 ? "—" : ReportText.Percent(Statistics.Mean(arm.EnsembleAccuracy)),
                arm.EnsembleGain is null ? "—" : ReportText.Interval(arm.EnsembleGain),
                string.Create(CultureInfo.InvariantCulture, $"{arm.CpuSecondsPerEpoch:0.00}"),
            }),
        ];
    }

    /// <summary>The main table's column headers.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["", "schedule", "final acc. (mean)", "std", "− S1 [95% CI]", "epochs to target", "speed-up", "ensemble", "ensemble gain [95% CI]", "CPU s/epoch"];

    public static string Markdown(ComparisonSummary summary, IReadOnlyList<string> context)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder();
        text.Append("# Schedule comparison\n\n");
        foreach (var line in context)
        {
            text.Append("- ").Append(line).Append('\n');
        }

        text.Append('\n').Append(Explanation(summary)).Append("\n\n");
        text.Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n");
        text.Append('|').Append(string.Concat(Headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows(summary))
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        text.Append("\n## Anytime test accuracy (mean over seeds)\n\n");
        text.Append("| epoch | ").Append(string.Join(" | ", summary.Arms.Select((_, i) => Name(i)))).Append(" |\n");
        text.Append("|---:|").Append(string.Concat(summary.Arms.Select(_ => "---:|"))).Append('\n');
        var epochs = summary.Arms.Max(a => a.MeanAnytime.Count);
        for (var e = 0; e < epochs; e++)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {e + 1} | ").Append(string.Join(" | ", summary.Arms.Select(a => e < a.MeanAnytime.Count ? ReportText.Percent(a.MeanAnytime[e]) : string.Empty))).Append(" |\n");
        }

        text.Append("\n## Per seed\n\n| schedule | seed | final test accuracy | epochs to target |\n|---|---:|---:|---:|\n");
        foreach (var (arm, i) in summary.Arms.Select((a, i) => (a, i)))
        {
            for (var s = 0; s < arm.Seeds.Count; s++)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Name(i)} | {arm.Seeds[s]} | {ReportText.Percent(arm.FinalAccuracy[s])} | {arm.EpochsToTarget[s]?.ToString(CultureInfo.InvariantCulture) ?? "not reached"} |\n");
            }
        }

        return text.ToString();
    }

    public static string Html(ComparisonSummary summary, IReadOnlyList<string> context)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(context);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Schedule comparison</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}");
        html.Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left;font-family:monospace}");
        html.Append("figure{margin:1.5em 0}figcaption{color:#444}</style></head>\n<body>\n<h1>Schedule comparison</h1>\n<ul>");
        foreach (var line in context)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul>\n<p>").Append(E(Explanation(summary))).Append("</p>\n<table id=\"summary\"><thead><tr>");
        foreach (var header in Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in Rows(summary))
        {
            html.Append("<tr>").Append(string.Concat(row.Select(c => "<td>" + E(c) + "</td>"))).Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
        Figure(html, "anytime", AnytimeChart(summary), "Anytime test accuracy: the model you would ship after each epoch (restart schedules: the last completed cycle end), mean over seeds; the dashed line is the target.");
        Figure(html, "final", FinalChart(summary), "Final test accuracy per seed (dots) and mean (bar) for each schedule.");
        Figure(html, "cost", CostChart(summary), "Process CPU seconds per epoch (training and evaluation).");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string id, string svg, string caption) =>
        html.Append("<figure id=\"").Append(id).Append("\">").Append(WithoutXmlDeclaration(svg)).Append("<figcaption>").Append(WebUtility.HtmlEncode(caption)).Append("</figcaption></figure>\n");

    /// <summary>ScottPlot's SVG starts with an XML declaration, which HTML does not take inside a page.</summary>
    private static string WithoutXmlDeclaration(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string AnytimeChart(ComparisonSummary summary)
    {
        using var plot = new Plot();
        foreach (var (arm, i) in summary.Arms.Select((a, i) => (a, i)))
        {
            var scatter = plot.Add.Scatter(Enumerable.Range(1, arm.MeanAnytime.Count).Select(e => (double)e).ToArray(), arm.MeanAnytime.Select(a => a * 100).ToArray());
            scatter.LegendText = Name(i);
            scatter.MarkerSize = 4;
        }

        var target = plot.Add.HorizontalLine(summary.Target * 100);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Gray;
        plot.XLabel("epoch");
        plot.YLabel("test accuracy (%)");
        plot.ShowLegend();
        return plot.GetSvgHtml(ChartWidth, ChartHeight);
    }

    private static string FinalChart(ComparisonSummary summary)
    {
        using var plot = new Plot();
        var bars = plot.Add.Bars(summary.Arms.Select(a => a.MeanFinal * 100).ToArray());
        bars.Color = Colors.SteelBlue.WithAlpha(0.5);
        foreach (var (arm, i) in summary.Arms.Select((a, i) => (a, i)))
        {
            var dots = plot.Add.ScatterPoints(arm.FinalAccuracy.Select(_ => (double)i).ToArray(), arm.FinalAccuracy.Select(a => a * 100).ToArray());
            dots.Color = Colors.Black;
        }

        var low = summary.Arms.SelectMany(a => a.FinalAccuracy).Min() * 100;
        var high = summary.Arms.SelectMany(a => a.FinalAccuracy).Max() * 100;
        plot.Axes.SetLimitsY(low - 1, high + 0.5);
        plot.Axes.Bottom.SetTicks([.. summary.Arms.Select((_, i) => (double)i)], [.. summary.Arms.Select((_, i) => Name(i))]);
        plot.YLabel("final test accuracy (%)");
        return plot.GetSvgHtml(ChartWidth, ChartHeight);
    }

    private static string CostChart(ComparisonSummary summary)
    {
        using var plot = new Plot();
        plot.Add.Bars(summary.Arms.Select(a => a.CpuSecondsPerEpoch).ToArray());
        plot.Axes.Bottom.SetTicks([.. summary.Arms.Select((_, i) => (double)i)], [.. summary.Arms.Select((_, i) => Name(i))]);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("CPU seconds per epoch");
        return plot.GetSvgHtml(ChartWidth, ChartHeight);
    }

    private static string Explanation(ComparisonSummary summary) =>
        $"S1 is the baseline. Differences are paired by seed (same initial weights and data order) with 95% t intervals (n − 1 degrees of freedom). " +
        $"Target: {ReportText.Percent(summary.Target)} ({summary.TargetSource}); epochs to target and speed-up (median over seeds of S1's epochs / this schedule's) use the anytime curve: " +
        $"for schedules with restarts the model at the last completed cycle end, for others the current model. " +
        $"Ensemble: averaged predictions of the kept cycle-end snapshots; gain is over the same run's final model.";

    private static string EpochsText(ArmSummary arm)
    {
        var reached = arm.EpochsToTarget.OfType<int>().Select(e => (double)e).ToArray();
        return reached.Length == 0
            ? $"not reached (0/{arm.EpochsToTarget.Count})"
            : string.Create(CultureInfo.InvariantCulture, $"median {Statistics.Median(reached):0.#} ({reached.Length}/{arm.EpochsToTarget.Count} reached)");
    }

    private static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"S{index + 1}");
}
