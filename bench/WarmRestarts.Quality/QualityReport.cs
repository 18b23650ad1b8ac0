using System.Globalization;
using System.Text;
using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.Quality;

/// <summary>The analysis of the quality benchmark as Markdown (accuracies in %, differences in percentage points).</summary>
internal static class QualityReport
{
    /// <summary>The non-inferiority margin: 0.3 accuracy points.</summary>
    private const double Margin = 0.003;

    public static string Write(IReadOnlyList<IReadOnlyList<RunOutcome>> outcomes)
    {
        var text = new StringBuilder();
        var byLabel = outcomes.Where(o => o.Count > 0).ToDictionary(o => o[0].Label, o => o);
        if (!byLabel.ContainsKey(QualityProtocol.Step))
        {
            return "no finished run of the step schedule yet\n";
        }

        // The target is chosen on the validation split; everything reported below is on the test set unless it says so.
        var summary = ComparisonSummary.Summarize([.. outcomes.Where(o => o.Count > 0)], onValidation: true);
        Line(text, $"Runs finished: {outcomes.Sum(o => o.Count)}; seeds per schedule: {string.Join(", ", summary.Arms.Select(a => $"{a.Label} {a.Seeds.Count}"))}.");
        Line(text, string.Empty);
        Line(text, "## Final test accuracy (paired 95% CI of the difference to the step schedule; non-inferior: lower end above −0.3 pt)");
        Line(text, string.Empty);
        Line(text, "| schedule | epochs | mean | std | − step [95% CI] | non-inferior (0.3 pt) |");
        Line(text, "|---|---:|---:|---:|---|---|");
        foreach (var arm in summary.Arms)
        {
            Line(text, $"| {arm.Label} | {arm.Epochs} | {ReportText.Percent(arm.MeanFinal)} | {ReportText.Spread(arm.StandardDeviationFinal)} | {ReportText.Interval(arm.DifferenceToBaseline)} | {(arm.Label == QualityProtocol.Step ? "—" : arm.DifferenceToBaseline.IsNonInferior(Margin) ? "yes" : "no")} |");
        }

        Line(text, string.Empty);
        Line(text, "## Anytime test accuracy (restart schedules: model at the last completed cycle end; others: current model)");
        Line(text, string.Empty);
        int[] marks = [2, 6, 10, 14, 20, 30];
        Line(text, $"| schedule | {string.Join(" | ", marks.Select(m => $"epoch {m}"))} |");
        Line(text, $"|---|{string.Concat(marks.Select(_ => "---:|"))}");
        foreach (var arm in summary.Arms)
        {
            Line(text, $"| {arm.Label} | {string.Join(" | ", marks.Select(m => m <= arm.MeanAnytime.Count ? ReportText.Percent(arm.MeanAnytime[m - 1]) : ""))} |");
        }

        Line(text, string.Empty);
        Line(text, "## Budget-matched gaps (anytime accuracy at the epoch, paired over seeds; positive: the first is better)");
        Line(text, string.Empty);
        Line(text, "| comparison | epoch | mean gap [95% CI] | seeds |");
        Line(text, "|---|---:|---|---:|");
        foreach (var (a, b, epoch) in new[]
        {
            (QualityProtocol.SgdrShort, QualityProtocol.Cosine6, 6),
            (QualityProtocol.SgdrShort, QualityProtocol.Cosine14, 14),
            (QualityProtocol.SgdrShort, QualityProtocol.Cosine, 6),
            (QualityProtocol.SgdrShort, QualityProtocol.Cosine, 14),
            (QualityProtocol.SgdrShort, QualityProtocol.Step, 6),
            (QualityProtocol.SgdrShort, QualityProtocol.Step, 14),
            (QualityProtocol.SgdrLong, QualityProtocol.Cosine, 10),
            (QualityProtocol.SgdrLong, QualityProtocol.Cosine, 20),
        })
        {
            if (byLabel.TryGetValue(a, out var first) && byLabel.TryGetValue(b, out var second))
            {
                var gap = Paired(first, second, r => r.AnytimeTest()[epoch - 1]);
                Line(text, $"| {a} − {b} | {epoch} | {ReportText.Interval(gap)} | {gap.Count} |");
            }
        }

        Line(text, string.Empty);
        Line(text, string.Create(CultureInfo.InvariantCulture, $"## Epochs to reach the step schedule's final accuracy (target {ReportText.Percent(summary.Target)}: {summary.TargetSource}; counted on the validation anytime curve)"));
        Line(text, string.Empty);
        Line(text, "| schedule | epochs per seed (— never) | median speed-up over step | seeds reached |");
        Line(text, "|---|---|---:|---:|");
        foreach (var arm in summary.Arms)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"| {arm.Label} | {string.Join(" ", arm.EpochsToTarget.Select(e => e?.ToString(CultureInfo.InvariantCulture) ?? "—"))} | {arm.SpeedUp.Median:0.00}× | {arm.SpeedUp.Reached}/{arm.SpeedUp.Total} |"));
        }

        Line(text, string.Empty);
        Line(text, "## Snapshot ensembles (test accuracy; averaged softmax of the kept snapshots)");
        Line(text, string.Empty);
        Line(text, "| schedule | snapshots | ensemble mean | gain over its final model [95% CI] |");
        Line(text, "|---|---|---:|---|");
        foreach (var arm in summary.Arms.Where(a => a.EnsembleGain is not null))
        {
            var snapshots = arm.HasRestarts ? "last 3 cycle ends" : "epochs 10, 20, 30";
            Line(text, $"| {arm.Label} | {snapshots} | {ReportText.Percent(Statistics.Mean(arm.EnsembleAccuracy))} | {ReportText.Interval(arm.EnsembleGain!)} |");
        }

        Line(text, string.Empty);
        Line(text, "| comparison | mean difference of ensembles [95% CI] | seeds |");
        Line(text, "|---|---|---:|");
        foreach (var sgdr in new[] { QualityProtocol.SgdrLong, QualityProtocol.SgdrShort })
        {
            if (byLabel.TryGetValue(sgdr, out var first) && byLabel.TryGetValue(QualityProtocol.Cosine, out var control))
            {
                var gap = Paired(first, control, r => ComparisonSummary.EnsembleOf(r).Ensemble);
                Line(text, $"| {sgdr} ensemble − cosine 30 control ensemble | {ReportText.Interval(gap)} | {gap.Count} |");
                var singleGap = Paired(first, control, r => ComparisonSummary.EnsembleOf(r).Ensemble - r.FinalTestAccuracy);
                Line(text, $"| {sgdr} gain − control gain | {ReportText.Interval(singleGap)} | {singleGap.Count} |");
            }
        }

        Line(text, string.Empty);
        Line(text, "## Cost per epoch");
        Line(text, string.Empty);
        Line(text, "| schedule | CPU s / epoch | wall s / epoch | cycle ends |");
        Line(text, "|---|---:|---:|---:|");
        foreach (var arm in summary.Arms)
        {
            var runs = byLabel[arm.Label];
            Line(text, string.Create(CultureInfo.InvariantCulture, $"| {arm.Label} | {arm.CpuSecondsPerEpoch:0.000} | {Statistics.Mean([.. runs.SelectMany(r => r.Epochs).Select(e => e.Seconds)]):0.000} | {runs[0].CycleEnds.Count} |"));
        }

        return text.ToString();
    }

    private static PairedInterval Paired(IReadOnlyList<RunOutcome> first, IReadOnlyList<RunOutcome> second, Func<RunOutcome, double> value)
    {
        var bySeed = second.ToDictionary(r => r.Seed);
        var pairs = first.Where(r => bySeed.ContainsKey(r.Seed)).ToArray();
        return PairedInterval.Of([.. pairs.Select(value)], [.. pairs.Select(r => value(bySeed[r.Seed]))]);
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
