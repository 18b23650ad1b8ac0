namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// What a comparison found, computed from the stored run outcomes: per schedule the final accuracy (mean, sample
/// standard deviation, paired 95% interval of the difference to the first schedule), the anytime curve, epochs to a
/// target and the median speed-up, the snapshot-ensemble gain and the CPU cost per epoch.
/// </summary>
/// <param name="Arms">The schedules, the first being the baseline.</param>
/// <param name="Target">The accuracy epochs-to-target counts to.</param>
/// <param name="TargetSource">How the target was chosen, for the report.</param>
/// <param name="TargetOnValidation">Whether the target and the epochs to reach it use the validation set (else the test set).</param>
public sealed record ComparisonSummary(IReadOnlyList<ArmSummary> Arms, double Target, string TargetSource, bool TargetOnValidation)
{
    /// <summary>Summarises outcomes[arm][seed]; pairs are matched by seed.</summary>
    /// <param name="outcomes">The stored outcomes, one list per arm (the first is the baseline).</param>
    /// <param name="target">The accuracy to reach; <see langword="null"/>: the baseline's mean final accuracy.</param>
    /// <param name="onValidation">Choose the target and count epochs to it on the validation set (keeps the test set for reporting).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">There are no arms, or the baseline has no finished run.</exception>
    public static ComparisonSummary Summarize(IReadOnlyList<IReadOnlyList<RunOutcome>> outcomes, double? target = null, bool onValidation = false)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0 || outcomes[0].Count == 0)
        {
            throw new ArgumentException("a summary needs at least one finished run of the first schedule; run the comparison first", nameof(outcomes));
        }

        var baseline = outcomes[0];
        double[] TargetCurve(RunOutcome run) => onValidation ? run.AnytimeValidation() : run.AnytimeTest();
        var chosen = target ?? Statistics.Mean([.. baseline.Select(r => onValidation ? r.FinalValidationAccuracy : r.FinalTestAccuracy)]);
        var source = target is not null
            ? "given"
            : $"mean final {(onValidation ? "validation" : "test")} accuracy of {baseline[0].Label}";
        var bySeed = baseline.ToDictionary(r => r.Seed);
        var arms = new List<ArmSummary>();
        foreach (var runs in outcomes.Where(r => r.Count > 0))
        {
            var paired = runs.Where(r => bySeed.ContainsKey(r.Seed)).ToArray();
            var finals = runs.Select(r => r.FinalTestAccuracy).ToArray();
            var epochsToTarget = runs.Select(r => EpochsToTarget.First(TargetCurve(r), chosen)).ToArray();
            var baselineEpochs = paired.Select(r => EpochsToTarget.First(TargetCurve(bySeed[r.Seed]), chosen)).ToArray();
            var ensembles = runs.Select(EnsembleOf).Where(e => !double.IsNaN(e.Ensemble)).ToArray();
            var epochs = runs.Max(r => r.Epochs.Count);
            var curves = runs.Select(r => r.AnytimeTest()).ToArray();
            var meanAnytime = Enumerable.Range(0, epochs).Select(e => Statistics.Mean([.. curves.Where(c => c.Length > e).Select(c => c[e])])).ToArray();
            arms.Add(new ArmSummary(
                runs[0].Label,
                runs[0].Spec,
                [.. runs.Select(r => r.Seed)],
                epochs,
                runs.Any(r => r.HasRestarts),
                finals,
                Statistics.Mean(finals),
                Statistics.SampleStandardDeviation(finals),
                PairedInterval.Of([.. paired.Select(r => r.FinalTestAccuracy)], [.. paired.Select(r => bySeed[r.Seed].FinalTestAccuracy)]),
                meanAnytime,
                epochsToTarget,
                EpochsToTarget.MedianSpeedUp([.. paired.Select(r => EpochsToTarget.First(TargetCurve(r), chosen))], baselineEpochs),
                [.. ensembles.Select(e => e.Ensemble)],
                ensembles.Length == 0 ? null : PairedInterval.Of([.. ensembles.Select(e => e.Ensemble)], [.. ensembles.Select(e => e.Single)]),
                Statistics.Mean([.. runs.SelectMany(r => r.Epochs).Select(e => e.CpuSeconds)])));
        }

        return new ComparisonSummary(arms, chosen, source, onValidation);
    }

    /// <summary>A run's snapshot ensemble (of cycle ends, else of fixed epochs) and its single final model, both on the test set.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The ensemble's accuracy (NaN without one) and the final model's.</returns>
    public static (double Ensemble, double Single) EnsembleOf(RunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ensemble = !double.IsNaN(run.EnsembleTestAccuracy) ? run.EnsembleTestAccuracy : run.EpochEnsemble?.TestAccuracy ?? double.NaN;
        return (ensemble, run.FinalTestAccuracy);
    }
}
