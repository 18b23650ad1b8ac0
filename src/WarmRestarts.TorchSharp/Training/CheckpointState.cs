namespace WarmRestarts.TorchSharp.Training;

/// <summary>The JSON part of a checkpoint: where the run stands and what it was run with.</summary>
internal sealed record CheckpointState
{
    /// <summary>2: the file ends with a SHA-256 of its content.</summary>
    public const int CurrentVersion = 2;

    public int FormatVersion { get; init; } = CurrentVersion;

    /// <summary>Each setting that must match for an exact resume, by name (schedule, data, model, …).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    public required int CompletedEpochs { get; init; }

    public required long Step { get; init; }

    public required string SchedulerState { get; init; }

    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    public required IReadOnlyList<CycleEndRecord> CycleEnds { get; init; }

    public required IReadOnlyList<StepRecord> Steps { get; init; }

    public required int SnapshotCount { get; init; }

    public required long SwaCount { get; init; }
}
