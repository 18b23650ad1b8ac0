namespace WarmRestarts.TorchSharp.Training;

/// <summary>One optimizer step.</summary>
/// <param name="Step">The step index (0-based).</param>
/// <param name="Progress">The schedule progress the step's rate was taken at (fractional epochs or steps).</param>
/// <param name="LearningRate">The rate of parameter group 0 for this step.</param>
/// <param name="Loss">The batch's training loss.</param>
public readonly record struct StepRecord(long Step, double Progress, double LearningRate, double Loss);

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">The epoch number (1-based: the first epoch is 1).</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="TrainAccuracy">Training accuracy over the epoch's batches (as the model was while training).</param>
/// <param name="TestLoss">Test loss at the end of the epoch.</param>
/// <param name="TestAccuracy">Test accuracy at the end of the epoch.</param>
/// <param name="Cycle">The restart cycle in force at the end of the epoch (−1 for schedules without cycles).</param>
/// <param name="LearningRate">The rate of the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch (training and evaluation).</param>
/// <param name="CpuSeconds">Process CPU seconds of the epoch.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, long Cycle, double LearningRate, double Seconds, double CpuSeconds);

/// <summary>The end of a restart cycle, where a snapshot is taken.</summary>
/// <param name="Cycle">The cycle that ended.</param>
/// <param name="Step">The step after which it ended.</param>
/// <param name="Progress">The schedule progress at its end (e.g. the epoch).</param>
/// <param name="TestAccuracy">Test accuracy of the model at the cycle end.</param>
/// <param name="EnsembleAccuracy">Test accuracy of the snapshot ensemble (the kept cycle ends, averaged predictions) at this point, or NaN with fewer than two snapshots.</param>
/// <param name="SwaAccuracy">Test accuracy of the averaged weights of all cycle ends so far, or NaN without SWA.</param>
public sealed record CycleEndRecord(long Cycle, long Step, double Progress, double TestAccuracy, double EnsembleAccuracy, double SwaAccuracy);

/// <summary>What a training run produced.</summary>
/// <param name="Epochs">Per-epoch metrics.</param>
/// <param name="CycleEnds">Per-cycle-end metrics (snapshots).</param>
/// <param name="Steps">Per-step rates and losses.</param>
/// <param name="FinalTestAccuracy">Test accuracy of the final model.</param>
/// <param name="EnsembleAccuracy">Test accuracy of the final snapshot ensemble, or NaN with fewer than two snapshots.</param>
/// <param name="SwaAccuracy">Test accuracy of the final SWA weights, or NaN without SWA or cycle ends.</param>
/// <param name="StepsPerEpoch">Batches per epoch.</param>
/// <param name="ResumedFromEpoch">The epoch a resumed run continued after, or 0.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochRecord> Epochs,
    IReadOnlyList<CycleEndRecord> CycleEnds,
    IReadOnlyList<StepRecord> Steps,
    double FinalTestAccuracy,
    double EnsembleAccuracy,
    double SwaAccuracy,
    long StepsPerEpoch,
    int ResumedFromEpoch);
