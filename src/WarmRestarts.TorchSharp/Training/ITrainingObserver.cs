namespace WarmRestarts.TorchSharp.Training;

/// <summary>Receives progress from a <see cref="Trainer"/> (progress bars, logs). Called on the training thread; keep it quick.</summary>
public interface ITrainingObserver
{
    /// <summary>Before the first epoch (or the first epoch after a resume).</summary>
    /// <param name="totalEpochs">The run's epochs.</param>
    /// <param name="stepsPerEpoch">Batches per epoch.</param>
    /// <param name="startEpoch">The first epoch to run (1, or later when resuming).</param>
    void Started(int totalEpochs, long stepsPerEpoch, int startEpoch);

    /// <summary>After each optimizer step.</summary>
    /// <param name="record">The step.</param>
    void StepCompleted(in StepRecord record);

    /// <summary>At each cycle end (after its snapshot is evaluated).</summary>
    /// <param name="record">The cycle end.</param>
    void CycleEnded(CycleEndRecord record);

    /// <summary>After each epoch's evaluation (and checkpoint).</summary>
    /// <param name="record">The epoch.</param>
    void EpochCompleted(EpochRecord record);
}
