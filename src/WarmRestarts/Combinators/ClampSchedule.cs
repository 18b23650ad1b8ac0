using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// A schedule confined to a range: <c>η_t = min(maximum, max(minimum, inner(t)))</c> (e.g. a floor under an
/// exponential decay, or a cap on a rising schedule).
/// </summary>
/// <remarks>Restart cycles are the inner schedule's.</remarks>
public sealed class ClampSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="schedule">The schedule to clamp.</param>
    /// <param name="minimum">The lowest value, finite.</param>
    /// <param name="maximum">The highest value, finite, &gt;= <paramref name="minimum"/>.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public ClampSchedule(Schedule schedule, double minimum, double maximum)
    {
        Inner = Guard.NotNull(schedule, nameof(schedule), "give the schedule to clamp");
        Minimum = Guard.Finite(minimum, nameof(minimum), "give the lowest value, e.g. 1e-5");
        Maximum = Guard.Finite(maximum, nameof(maximum), "give the highest value, e.g. 0.1");
        Guard.NotAbove(Minimum, nameof(minimum), Maximum, "maximum", "give a minimum no larger than the maximum");
    }

    /// <summary>The clamped schedule.</summary>
    public Schedule Inner { get; }

    /// <summary>The lowest value.</summary>
    public double Minimum { get; }

    /// <summary>The highest value.</summary>
    public double Maximum { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => Math.Clamp(Inner.EvaluateCore(t), Minimum, Maximum);

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle) => Inner.TryGetCycleCore(t, out cycle);

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("clamp").Argument("schedule", Inner).Argument("minimum", Minimum).Argument("maximum", Maximum).EndCall();
}
