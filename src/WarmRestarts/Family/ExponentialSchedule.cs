using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Exponential decay: <c>η_t = max(end, initial · decayRate^(t / decayLength))</c>, with the exponent rounded down
/// (<c>⌊t / decayLength⌋</c>) when <c>staircase</c> is set. A <c>decayRate</c> above 1 makes it exponential growth,
/// <c>min(end, initial · decayRate^(t / decayLength))</c>.
/// </summary>
/// <remarks>
/// Keras <c>ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase)</c> and optax
/// <c>exponential_decay(init_value, transition_steps, decay_rate, staircase, end_value)</c>; PyTorch
/// <c>ExponentialLR(gamma)</c> is <c>decayRate = gamma</c>, <c>decayLength = 1</c>. The optional <c>end</c> is,
/// like optax's <c>end_value</c>, a lower bound for a decay (<c>decayRate &lt;= 1</c>) and an upper bound for growth
/// (<c>decayRate &gt; 1</c>). Unbounded growth saturates at <see cref="double.MaxValue"/>, never infinity.
/// </remarks>
public sealed class ExponentialSchedule : Schedule
{
    private readonly double _bound;

    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at 0, finite, &gt;= 0.</param>
    /// <param name="decayRate">The factor per <paramref name="decayLength"/>, finite, &gt; 0 (Keras <c>decay_rate</c>, PyTorch <c>gamma</c>); above 1 the rate grows.</param>
    /// <param name="decayLength">The progress over which the rate is multiplied by <paramref name="decayRate"/>, finite, &gt; 0 (Keras <c>decay_steps</c>, optax <c>transition_steps</c>).</param>
    /// <param name="staircase">Whether the decay happens in whole steps of <paramref name="decayLength"/>.</param>
    /// <param name="end">An optional bound (optax <c>end_value</c>): for a decay a lower bound in [0, <paramref name="initial"/>], for growth an upper bound &gt;= <paramref name="initial"/>.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public ExponentialSchedule(double initial, double decayRate, double decayLength = 1.0, bool staircase = false, double? end = null)
    {
        Initial = Guard.NonNegative(initial, nameof(initial), "give the starting rate, e.g. 0.1");
        DecayRate = Guard.Positive(decayRate, nameof(decayRate), "give the factor applied per decay length, e.g. 0.96 (above 1 for growth)");
        DecayLength = Guard.Positive(decayLength, nameof(decayLength), "give the progress over which the rate is multiplied by decayRate, e.g. 1");
        Staircase = staircase;
        if (end is { } bound)
        {
            Guard.NonNegative(bound, nameof(end), "give the lowest rate the decay reaches, or none");
            if (IsGrowth)
            {
                Guard.AtLeast(bound, Initial, nameof(end), "give an upper bound above the starting rate, since decayRate > 1 makes the rate grow");
            }
            else
            {
                Guard.NotAbove(bound, nameof(end), Initial, "initial", "give a lower bound below the starting rate");
            }
        }

        End = end;
        _bound = end ?? (IsGrowth ? double.MaxValue : 0.0);
    }

    /// <summary>The rate at 0.</summary>
    public double Initial { get; }

    /// <summary>The factor per <see cref="DecayLength"/>.</summary>
    public double DecayRate { get; }

    /// <summary>The progress over which the rate is multiplied by <see cref="DecayRate"/>.</summary>
    public double DecayLength { get; }

    /// <summary>Whether the exponent is rounded down to whole decay lengths.</summary>
    public bool Staircase { get; }

    /// <summary>The bound, if any: the lowest rate of a decay, the highest of growth.</summary>
    public double? End { get; }

    /// <summary>Whether the rate grows (<see cref="DecayRate"/> &gt; 1), so that <see cref="End"/> is an upper bound.</summary>
    public bool IsGrowth => DecayRate > 1.0;

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        var ratio = t / DecayLength;
        if (Staircase)
        {
            ratio = Math.Floor(ratio);
        }

        // 0 · ∞ would be NaN where unbounded growth overflows.
        var value = Initial == 0.0 ? 0.0 : Initial * Math.Pow(DecayRate, ratio);
        return IsGrowth ? Math.Min(_bound, value) : Math.Max(_bound, value);
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("exponential")
            .Argument("initial", Initial)
            .Argument("decay_rate", DecayRate)
            .Argument("decay_length", DecayLength)
            .Argument("staircase", Staircase);
        if (End is { } end)
        {
            writer.Argument("end", end);
        }

        writer.EndCall();
    }
}
