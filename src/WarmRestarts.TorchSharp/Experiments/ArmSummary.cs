namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>One schedule of a comparison, over its seeds (see <see cref="ComparisonSummary"/>).</summary>
/// <param name="Label">The arm's label.</param>
/// <param name="Spec">The schedule's spec text.</param>
/// <param name="Seeds">The seeds it finished, in order.</param>
/// <param name="Epochs">Epochs per run.</param>
/// <param name="HasRestarts">Whether its scheduler raised cycle-end events (then the anytime rule ships cycle ends).</param>
/// <param name="FinalAccuracy">Test accuracy of the final model, per seed.</param>
/// <param name="MeanFinal">Mean of <paramref name="FinalAccuracy"/>.</param>
/// <param name="StandardDeviationFinal">Sample standard deviation of <paramref name="FinalAccuracy"/>.</param>
/// <param name="DifferenceToBaseline">Paired interval of final accuracy minus the first arm's (seeds both finished).</param>
/// <param name="MeanAnytime">Mean over seeds of the anytime test-accuracy curve, per epoch.</param>
/// <param name="EpochsToTarget">Epochs until the anytime curve (test, or validation when the target came from it) reached the target, per seed; <see langword="null"/>: never.</param>
/// <param name="SpeedUp">Median speed-up over the first arm in epochs to target.</param>
/// <param name="EnsembleAccuracy">Test accuracy of the snapshot ensemble per seed (cycle ends, else fixed epochs); empty when it has none.</param>
/// <param name="EnsembleGain">Paired interval of ensemble minus single final model, or <see langword="null"/> without ensembles.</param>
/// <param name="CpuSecondsPerEpoch">Mean process CPU seconds per epoch.</param>
public sealed record ArmSummary(
    string Label,
    string Spec,
    IReadOnlyList<long> Seeds,
    int Epochs,
    bool HasRestarts,
    IReadOnlyList<double> FinalAccuracy,
    double MeanFinal,
    double StandardDeviationFinal,
    PairedInterval DifferenceToBaseline,
    IReadOnlyList<double> MeanAnytime,
    IReadOnlyList<int?> EpochsToTarget,
    SpeedUp SpeedUp,
    IReadOnlyList<double> EnsembleAccuracy,
    PairedInterval? EnsembleGain,
    double CpuSecondsPerEpoch);
