using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// A schedule multiplied by a constant: <c>η_t = factor · inner(t)</c> (e.g. a shape defined on [0, 1] scaled to a base
/// rate, or the linear scaling rule of Goyal et al., arXiv 1706.02677).
/// </summary>
/// <remarks>A product that would overflow is held at <see cref="double.MaxValue"/>. Restart cycles are the inner schedule's.</remarks>
public sealed class ScaleSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="schedule">The schedule to scale.</param>
    /// <param name="factor">The factor, finite, &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public ScaleSchedule(Schedule schedule, double factor)
    {
        Inner = Guard.NotNull(schedule, nameof(schedule), "give the schedule to scale");
        Factor = Guard.NonNegative(factor, nameof(factor), "give the factor to multiply the schedule by, e.g. 2");
    }

    /// <summary>The scaled schedule.</summary>
    public Schedule Inner { get; }

    /// <summary>The factor.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => FiniteValue.Saturate(Factor * Inner.EvaluateCore(t));

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle) => Inner.TryGetCycleCore(t, out cycle);

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("scale").Argument("schedule", Inner).Argument("factor", Factor).EndCall();
}
