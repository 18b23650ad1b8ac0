namespace WarmRestarts.Scheduling;

/// <summary>The data of <see cref="GroupScheduler.CycleEnded"/> and <see cref="GroupScheduler.Restarted"/>.</summary>
public sealed class CycleEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="cycleIndex">The cycle that ended, or the cycle that started.</param>
    /// <param name="step">The scheduler's step at which the change was seen.</param>
    /// <param name="progress">The schedule progress at that step.</param>
    public CycleEventArgs(long cycleIndex, long step, double progress)
    {
        CycleIndex = cycleIndex;
        Step = step;
        Progress = progress;
    }

    /// <summary>
    /// The zero-based cycle index: for <see cref="GroupScheduler.CycleEnded"/> the cycle that ended, for
    /// <see cref="GroupScheduler.Restarted"/> the cycle that started (1 for the first restart).
    /// </summary>
    public long CycleIndex { get; }

    /// <summary>The step (after <see cref="GroupScheduler.Advance"/>) at which the change was seen.</summary>
    public long Step { get; }

    /// <summary>The schedule progress at <see cref="Step"/>, in the schedule's unit.</summary>
    public double Progress { get; }
}
