using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// A linear warm-up put in front of a schedule: from <c>start</c> to the schedule's value at 0 over <c>length</c>,
/// then the schedule with its clock shifted by <c>length</c>.
/// </summary>
/// <remarks>
/// <c>η_t = start + (inner(0) − start) · t / length</c> for <c>t &lt; length</c>, and <c>inner(t − length)</c> after
/// (Goyal et al., "Accurate, Large Minibatch SGD", arXiv 1706.02677, gradual warm-up; optax's
/// <c>join_schedules([linear, inner], [length])</c>; timm's <c>warmup_prefix=True</c>). The warm-up ends exactly
/// at the inner schedule's first value, so the joint is continuous. Restart cycles of the inner schedule are
/// reported shifted by <c>length</c>; during the warm-up, the inner schedule's first cycle is reported (position 0).
/// </remarks>
public sealed class WarmupSchedule : Schedule
{
    private readonly double _target;

    /// <summary>Creates the schedule.</summary>
    /// <param name="schedule">The schedule that follows the warm-up.</param>
    /// <param name="length">The warm-up length, finite, &gt; 0.</param>
    /// <param name="start">The rate the warm-up starts from, finite, &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public WarmupSchedule(Schedule schedule, double length, double start = 0.0)
    {
        Inner = Guard.NotNull(schedule, nameof(schedule), "give the schedule that follows the warm-up");
        Length = Guard.Positive(length, nameof(length), "give the warm-up length in the schedule's unit, e.g. 5");
        Start = Guard.NonNegative(start, nameof(start), "give the rate the warm-up starts from, e.g. 0");
        _target = Inner.EvaluateCore(0.0);
    }

    /// <summary>The schedule that follows the warm-up.</summary>
    public Schedule Inner { get; }

    /// <summary>The warm-up length.</summary>
    public double Length { get; }

    /// <summary>The rate the warm-up starts from.</summary>
    public double Start { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        t < Length ? Start + ((_target - Start) * (t / Length)) : Inner.EvaluateCore(t - Length);

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        if (!Inner.TryGetCycleCore(t < Length ? 0.0 : t - Length, out var inner))
        {
            cycle = default;
            return false;
        }

        cycle = inner with { Start = inner.Start + Length };
        return true;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("warmup").Argument("schedule", Inner).Argument("length", Length).Argument("start", Start).EndCall();
}
