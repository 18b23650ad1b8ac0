using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// A straight line from <c>start</c> to <c>end</c> over <c>length</c>, then <c>end</c> for ever:
/// <c>η_t = start + (end − start) · min(t, length) / length</c> (optax <c>linear_schedule</c> with
/// <c>transition_steps = length</c>; PyTorch <c>LinearLR</c> in absolute rates).
/// </summary>
public sealed class LinearSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="start">The rate at 0, finite, &gt;= 0.</param>
    /// <param name="end">The rate from <paramref name="length"/> on, finite, &gt;= 0; above or below <paramref name="start"/>.</param>
    /// <param name="length">The length of the ramp, finite, &gt; 0.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public LinearSchedule(double start, double end, double length)
    {
        Start = Guard.NonNegative(start, nameof(start), "give the rate at the start of the ramp, e.g. 0.1");
        End = Guard.NonNegative(end, nameof(end), "give the rate at the end of the ramp, e.g. 0");
        Length = Guard.Positive(length, nameof(length), "give the length of the ramp in the schedule's unit, e.g. 100");
    }

    /// <summary>The rate at 0.</summary>
    public double Start { get; }

    /// <summary>The rate at and after <see cref="Length"/>.</summary>
    public double End { get; }

    /// <summary>The length of the ramp.</summary>
    public double Length { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        t >= Length ? End : Start + ((End - Start) * (t / Length));

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("linear").Argument("start", Start).Argument("end", End).Argument("length", Length).EndCall();
}
