using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Inverse-time decay: <c>η_t = initial / (1 + decayRate · t / decayLength)</c>, with <c>⌊t / decayLength⌋</c> in
/// place of the ratio when <c>staircase</c> is set (Keras <c>InverseTimeDecay(initial_learning_rate, decay_steps,
/// decay_rate, staircase)</c>).
/// </summary>
public sealed class InverseTimeSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at 0, finite, &gt;= 0.</param>
    /// <param name="decayRate">The decay per <paramref name="decayLength"/>, finite, &gt;= 0 (0 keeps the rate constant).</param>
    /// <param name="decayLength">The progress unit of the decay, finite, &gt; 0 (Keras <c>decay_steps</c>).</param>
    /// <param name="staircase">Whether the ratio is rounded down to whole decay lengths.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public InverseTimeSchedule(double initial, double decayRate, double decayLength, bool staircase = false)
    {
        Initial = Guard.NonNegative(initial, nameof(initial), "give the starting rate, e.g. 0.1");
        DecayRate = Guard.NonNegative(decayRate, nameof(decayRate), "give the decay per decay length, e.g. 0.5");
        DecayLength = Guard.Positive(decayLength, nameof(decayLength), "give the progress unit of the decay (decay_steps), e.g. 1000");
        Staircase = staircase;
    }

    /// <summary>The rate at 0.</summary>
    public double Initial { get; }

    /// <summary>The decay per <see cref="DecayLength"/>.</summary>
    public double DecayRate { get; }

    /// <summary>The progress unit of the decay.</summary>
    public double DecayLength { get; }

    /// <summary>Whether the ratio is rounded down to whole decay lengths.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        if (DecayRate == 0.0)
        {
            return Initial;
        }

        var ratio = t / DecayLength;
        if (Staircase)
        {
            ratio = Math.Floor(ratio);
        }

        return Initial / (1.0 + (DecayRate * ratio));
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("inverse_time")
            .Argument("initial", Initial)
            .Argument("decay_rate", DecayRate)
            .Argument("decay_length", DecayLength)
            .Argument("staircase", Staircase)
            .EndCall();
}
