using System.Globalization;
using WarmRestarts.Internal;

namespace WarmRestarts;

/// <summary>The unit a schedule's lengths and progress are counted in.</summary>
public enum ProgressUnit
{
    /// <summary>Optimizer steps (batches): progress after <c>n</c> steps is <c>n</c>.</summary>
    Steps = 0,

    /// <summary>Epochs: progress after <c>n</c> steps is <c>n / stepsPerEpoch</c> (fractional), or whole epochs only.</summary>
    Epochs = 1,
}

/// <summary>
/// Turns a count of optimizer steps into the progress a schedule is evaluated at, making the schedule's unit
/// explicit: <see cref="Steps"/> for schedules whose lengths are in steps, <see cref="Epochs(long, bool)"/> for
/// lengths in epochs.
/// </summary>
/// <remarks>
/// With fractional epochs (the default), progress after step <c>n</c> is <c>n / stepsPerEpoch</c>: PyTorch's
/// documented <c>scheduler.step(epoch + i / iters)</c> pattern, updated every batch. With whole epochs it is
/// <c>⌊n / stepsPerEpoch⌋</c>: PyTorch's per-epoch <c>step()</c>.
/// </remarks>
public readonly record struct TrainingClock
{
    private TrainingClock(ProgressUnit unit, long stepsPerEpoch, bool fractional)
    {
        Unit = unit;
        StepsPerEpoch = stepsPerEpoch;
        Fractional = fractional;
    }

    /// <summary>The clock for schedules whose lengths are in optimizer steps.</summary>
    public static TrainingClock Steps { get; } = new(ProgressUnit.Steps, 1, true);

    /// <summary>The unit of the schedule's lengths.</summary>
    public ProgressUnit Unit { get; }

    /// <summary>Steps per epoch (1 for <see cref="ProgressUnit.Steps"/>).</summary>
    public long StepsPerEpoch { get; }

    /// <summary>Whether epochs advance by fractions within an epoch (every step) or only at epoch ends.</summary>
    public bool Fractional { get; }

    /// <summary>The clock for schedules whose lengths are in epochs.</summary>
    /// <param name="stepsPerEpoch">Optimizer steps (batches) per epoch, &gt;= 1.</param>
    /// <param name="fractional">Whether progress advances by <c>1 / stepsPerEpoch</c> every step (default) or by whole epochs.</param>
    /// <returns>The clock.</returns>
    /// <exception cref="ScheduleArgumentException"><paramref name="stepsPerEpoch"/> is below 1.</exception>
    public static TrainingClock Epochs(long stepsPerEpoch, bool fractional = true) =>
        new(ProgressUnit.Epochs, Guard.PositiveLong(stepsPerEpoch, nameof(stepsPerEpoch), "give the number of batches in one epoch"), fractional);

    /// <summary>The schedule progress after <paramref name="step"/> optimizer steps.</summary>
    /// <param name="step">Steps taken, &gt;= 0.</param>
    /// <returns>Progress in the schedule's unit.</returns>
    public double ProgressAt(long step)
    {
        if (Unit == ProgressUnit.Steps || StepsPerEpoch == 1)
        {
            return step;
        }

        // Whole epochs plus the exact fraction: avoids the rounding of (double)step / stepsPerEpoch at epoch ends.
        return ProgressAt(step / StepsPerEpoch, step % StepsPerEpoch);
    }

    /// <summary>
    /// The progress after <c>epochs · StepsPerEpoch + within</c> steps, for callers that count epochs and steps into
    /// the epoch themselves (no integer division): the same value as <see cref="ProgressAt(long)"/>.
    /// </summary>
    /// <param name="epochs">Whole epochs, <c>step / StepsPerEpoch</c>.</param>
    /// <param name="within">Steps into the epoch, <c>step % StepsPerEpoch</c>.</param>
    /// <returns>Progress in the schedule's unit.</returns>
    internal double ProgressAt(long epochs, long within)
    {
        if (Unit == ProgressUnit.Steps || StepsPerEpoch == 1 || !Fractional)
        {
            return epochs;
        }

        return epochs + ((double)within / StepsPerEpoch);
    }

    /// <summary>The clock's spec text, e.g. <c>epochs(steps_per_epoch=469)</c> or <c>steps</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Unit == ProgressUnit.Steps
        ? "steps"
        : string.Create(CultureInfo.InvariantCulture, $"epochs(steps_per_epoch={StepsPerEpoch}, fractional={(Fractional ? "True" : "False")})");
}
