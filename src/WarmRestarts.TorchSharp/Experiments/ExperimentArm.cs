namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>One schedule of a comparison.</summary>
/// <param name="Label">A short name for tables and charts (e.g. "cosine 30").</param>
/// <param name="Spec">The schedule's spec text.</param>
/// <param name="Epochs">How many epochs this schedule trains.</param>
/// <param name="SnapshotEpochs">Epochs after which the model is kept for an extra, fixed-epoch snapshot ensemble (e.g. 10, 20, 30 of a cosine control); empty for none.</param>
public sealed record ExperimentArm(string Label, string Spec, int Epochs, IReadOnlyList<int> SnapshotEpochs)
{
    /// <summary>An arm with no fixed-epoch snapshots.</summary>
    /// <param name="label">A short name.</param>
    /// <param name="spec">The schedule's spec text.</param>
    /// <param name="epochs">How many epochs it trains.</param>
    public ExperimentArm(string label, string spec, int epochs)
        : this(label, spec, epochs, [])
    {
    }
}
