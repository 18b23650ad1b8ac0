using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// A schedule with its time axis stretched: <c>η_t = inner(t / factor)</c>. Every length of the inner schedule is
/// multiplied by <c>factor</c>: an epoch-based schedule becomes a step-based one with <c>factor</c> = steps per epoch.
/// </summary>
/// <remarks>
/// <c>t / factor</c> is clamped to [0, 2^53] before the inner schedule sees it. Restart cycles are the inner
/// schedule's with their start, length and position multiplied by <c>factor</c>.
/// </remarks>
public sealed class StretchSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="schedule">The schedule to stretch.</param>
    /// <param name="factor">The factor lengths are multiplied by, finite, &gt; 0 (below 1 compresses).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public StretchSchedule(Schedule schedule, double factor)
    {
        Inner = Guard.NotNull(schedule, nameof(schedule), "give the schedule to stretch");
        Factor = Guard.Positive(factor, nameof(factor), "give the factor the schedule's lengths are multiplied by, e.g. the steps per epoch");
    }

    /// <summary>The stretched schedule.</summary>
    public Schedule Inner { get; }

    /// <summary>The factor lengths are multiplied by.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => Inner.EvaluateCore(ClampProgress(t / Factor));

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        if (!Inner.TryGetCycleCore(ClampProgress(t / Factor), out var inner))
        {
            cycle = default;
            return false;
        }

        cycle = inner with
        {
            Start = inner.Start * Factor,
            Length = inner.Length * Factor,
            Position = inner.Position * Factor,
        };
        return true;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("stretch").Argument("schedule", Inner).Argument("factor", Factor).EndCall();
}
