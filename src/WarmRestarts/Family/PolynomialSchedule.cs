using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Polynomial decay: <c>η_t = end + (start − end) · (1 − min(t, length) / length)^power</c>, then <c>end</c> for ever
/// (optax <c>polynomial_schedule</c>, Keras <c>PolynomialDecay</c> without cycling, PyTorch
/// <c>PolynomialLR</c> in absolute rates).
/// </summary>
public sealed class PolynomialSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="start">The rate at 0, finite, &gt;= 0 (optax <c>init_value</c>).</param>
    /// <param name="end">The rate from <paramref name="length"/> on, finite, &gt;= 0 (optax <c>end_value</c>).</param>
    /// <param name="length">The length of the decay, finite, &gt; 0 (optax <c>transition_steps</c>).</param>
    /// <param name="power">The exponent, finite, &gt; 0 (1 is linear).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public PolynomialSchedule(double start, double end, double length, double power)
    {
        Start = Guard.NonNegative(start, nameof(start), "give the rate at the start of the decay, e.g. 0.1");
        End = Guard.NonNegative(end, nameof(end), "give the rate at the end of the decay, e.g. 0");
        Length = Guard.Positive(length, nameof(length), "give the length of the decay in the schedule's unit, e.g. 100");
        Power = Guard.Positive(power, nameof(power), "give the exponent of the decay, e.g. 2");
    }

    /// <summary>The rate at 0.</summary>
    public double Start { get; }

    /// <summary>The rate at and after <see cref="Length"/>.</summary>
    public double End { get; }

    /// <summary>The length of the decay.</summary>
    public double Length { get; }

    /// <summary>The exponent.</summary>
    public double Power { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        t >= Length ? End : End + ((Start - End) * Math.Pow(1.0 - (t / Length), Power));

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("polynomial").Argument("start", Start).Argument("end", End).Argument("length", Length).Argument("power", Power).EndCall();
}
