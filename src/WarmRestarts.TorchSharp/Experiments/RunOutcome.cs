namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>Everything a comparison keeps of one finished run (one schedule, one seed); stored as JSON in the run's folder.</summary>
public sealed record RunOutcome
{
    /// <summary>The arm's label.</summary>
    public required string Label { get; init; }

    /// <summary>The schedule's spec text.</summary>
    public required string Spec { get; init; }

    /// <summary>The seed (initial weights and data order).</summary>
    public required long Seed { get; init; }

    /// <summary>Batches per epoch.</summary>
    public required long StepsPerEpoch { get; init; }

    /// <summary>The trainer's settings (what a stored outcome must match to be reused).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>Per-epoch results.</summary>
    public required IReadOnlyList<EpochOutcome> Epochs { get; init; }

    /// <summary>The cycle ends (the scheduler's events); empty for schedules without restarts.</summary>
    public required IReadOnlyList<CycleEndOutcome> CycleEnds { get; init; }

    /// <summary>Test accuracy of the final model.</summary>
    public required double FinalTestAccuracy { get; init; }

    /// <summary>Validation accuracy of the final model (NaN without a validation set).</summary>
    public required double FinalValidationAccuracy { get; init; }

    /// <summary>Test accuracy of the trainer's snapshot ensemble of cycle ends (NaN with fewer than two).</summary>
    public required double EnsembleTestAccuracy { get; init; }

    /// <summary>The fixed-epoch snapshot ensemble (<see cref="ExperimentArm.SnapshotEpochs"/>), or <see langword="null"/> when the arm has none.</summary>
    public EnsembleOutcome? EpochEnsemble { get; init; }

    /// <summary>The run was continued from a checkpoint after this epoch (0: from the start).</summary>
    public int ResumedFromEpoch { get; init; }

    /// <summary>Whether the run had restarts, i.e. its scheduler raised cycle-end events (the anytime rule's test).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasRestarts => CycleEnds.Count > 0;

    /// <summary>The anytime curve on the test set (see <see cref="Anytime"/>).</summary>
    /// <returns>One accuracy per epoch.</returns>
    public double[] AnytimeTest() => Anytime.Curve([.. Epochs.Select(e => e.TestAccuracy)], [.. CycleEnds.Select(c => new CycleEndPoint(c.Epoch, c.TestAccuracy))]);

    /// <summary>The anytime curve on the validation set (NaN entries without one).</summary>
    /// <returns>One accuracy per epoch.</returns>
    public double[] AnytimeValidation() => Anytime.Curve([.. Epochs.Select(e => e.ValidationAccuracy)], [.. CycleEnds.Select(c => new CycleEndPoint(c.Epoch, c.ValidationAccuracy))]);
}

/// <summary>One epoch of a stored run.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TestAccuracy">Test accuracy of the current model after the epoch.</param>
/// <param name="ValidationAccuracy">Validation accuracy of the current model (NaN without a validation set).</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="LearningRate">The rate of the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds (training and the trainer's test evaluation).</param>
/// <param name="CpuSeconds">Process CPU seconds of the epoch.</param>
public sealed record EpochOutcome(int Epoch, double TestAccuracy, double ValidationAccuracy, double TrainLoss, double LearningRate, double Seconds, double CpuSeconds);

/// <summary>One cycle end of a stored run.</summary>
/// <param name="Cycle">The cycle that ended (0-based).</param>
/// <param name="Epoch">The fractional epoch of the cycle end.</param>
/// <param name="TestAccuracy">Test accuracy of the model there.</param>
/// <param name="ValidationAccuracy">Validation accuracy of the model there (NaN without a validation set).</param>
/// <param name="EnsembleTestAccuracy">Test accuracy of the kept snapshots' ensemble at that point (NaN with fewer than two).</param>
public sealed record CycleEndOutcome(long Cycle, double Epoch, double TestAccuracy, double ValidationAccuracy, double EnsembleTestAccuracy);

/// <summary>A fixed-epoch snapshot ensemble (averaged softmax outputs).</summary>
/// <param name="Epochs">The epochs whose models were averaged.</param>
/// <param name="TestAccuracy">Its test accuracy.</param>
/// <param name="ValidationAccuracy">Its validation accuracy (NaN without a validation set).</param>
public sealed record EnsembleOutcome(IReadOnlyList<int> Epochs, double TestAccuracy, double ValidationAccuracy);
