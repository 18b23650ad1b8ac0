using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Polynomial decay: <c>η_t = end + (start − end) · (1 − min(t, length) / length)^power</c>, then <c>end</c> for ever
/// (optax <c>polynomial_schedule</c>, Keras <c>PolynomialDecay</c> without cycling, PyTorch
/// <c>PolynomialLR</c> in absolute rates).
/// </summary>
/// <remarks>
/// <para>
/// With <c>cycle</c> the decay does not stop at <c>length</c>: its horizon grows to the first multiple of
/// <c>length</c> at or above <c>t</c>, <c>H(t) = length · max(1, ⌈t / length⌉)</c>, and
/// <c>η_t = end + (start − end) · (1 − t / H(t))^power</c> (Keras <c>PolynomialDecay(cycle=True)</c>). So cycle
/// <c>k</c> (from 1) runs over <c>((k − 1) · length, k · length]</c> as
/// <c>end + (start − end) · k^(−power) · (1 − x)^power</c>, <c>x</c> the fraction of the cycle passed: it reaches
/// <c>end</c> exactly at the multiple <c>k · length</c>, which still belongs to it, and jumps up to a lower peak
/// right after. Restart cycles are reported as <c>[(k − 1) · length, k · length)</c>; the jump itself comes just
/// after the reported start.
/// </para>
/// </remarks>
public sealed class PolynomialSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="start">The rate at 0, finite, &gt;= 0 (optax <c>init_value</c>).</param>
    /// <param name="end">The rate from <paramref name="length"/> on, finite, &gt;= 0 (optax <c>end_value</c>).</param>
    /// <param name="length">The length of the decay, finite, &gt; 0 (optax <c>transition_steps</c>).</param>
    /// <param name="power">The exponent, finite, &gt; 0 (1 is linear).</param>
    /// <param name="cycle">Whether the decay restarts, over a horizon grown to the next multiple of <paramref name="length"/>, instead of holding <paramref name="end"/> (Keras <c>cycle=True</c>).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public PolynomialSchedule(double start, double end, double length, double power, bool cycle = false)
    {
        Cycle = cycle;
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

    /// <summary>Whether the decay restarts over a horizon grown to the next multiple of <see cref="Length"/> (Keras <c>cycle=True</c>).</summary>
    public bool Cycle { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        if (!Cycle)
        {
            return t >= Length ? End : End + ((Start - End) * Math.Pow(1.0 - (t / Length), Power));
        }

        var horizon = Length * Math.Max(1.0, Math.Ceiling(t / Length));
        return End + ((Start - End) * Math.Pow(1.0 - (t / horizon), Power));
    }

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        if (!Cycle)
        {
            cycle = default;
            return false;
        }

        var index = Math.Floor(t / Length);
        var start = index * Length;
        cycle = new CycleInfo((long)index, start, Length, t - start, false, false);
        return true;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("polynomial").Argument("start", Start).Argument("end", End).Argument("length", Length).Argument("power", Power);
        if (Cycle)
        {
            writer.Argument("cycle", true);
        }

        writer.EndCall();
    }
}
