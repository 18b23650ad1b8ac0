using WarmRestarts.Internal;
using WarmRestarts.Restarts;

namespace WarmRestarts.Family;

/// <summary>
/// Warmup-stable-decay ("WSD", trapezoidal): a linear warm-up from <c>warmupStart</c> to <c>peak</c> over
/// <c>warmup</c>, the <c>peak</c> held for <c>stable</c>, a decay to <c>floor</c> over <c>decay</c> along a
/// <see cref="CycleShape"/>, then <c>floor</c> for ever (Hu et al., "MiniCPM", arXiv 2404.06395; Hägele et al.,
/// "Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations", arXiv 2405.18392).
/// </summary>
/// <remarks>
/// With <c>W = warmup</c>, <c>S = W + stable</c>, <c>D = S + decay</c>:
/// <c>η_t = warmupStart + (peak − warmupStart) · t / W</c> for <c>t &lt; W</c>; <c>peak</c> for <c>W &lt;= t &lt; S</c>;
/// <c>shape(peak, floor, (t − S) / decay)</c> for <c>S &lt;= t &lt; D</c>; <c>floor</c> from <c>D</c> on. The
/// default decay shape is linear (MiniCPM's and Hägele et al.'s linear cool-down).
/// </remarks>
public sealed class WarmupStableDecaySchedule : Schedule
{
    private readonly double _decayStart;
    private readonly double _end;

    /// <summary>Creates the schedule.</summary>
    /// <param name="peak">The rate of the stable phase, finite, &gt;= 0.</param>
    /// <param name="warmup">The warm-up length, finite, &gt;= 0 (0: start at the peak).</param>
    /// <param name="stable">The length of the stable phase, finite, &gt;= 0.</param>
    /// <param name="decay">The length of the decay, finite, &gt; 0.</param>
    /// <param name="floor">The final rate, in [0, <paramref name="peak"/>].</param>
    /// <param name="decayShape">The decay curve; <see langword="null"/> (default): <see cref="CycleShape.Linear"/>.</param>
    /// <param name="warmupStart">The rate the warm-up starts from, in [0, <paramref name="peak"/>].</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public WarmupStableDecaySchedule(double peak, double warmup, double stable, double decay, double floor = 0.0, CycleShape? decayShape = null, double warmupStart = 0.0)
    {
        Peak = Guard.NonNegative(peak, nameof(peak), "give the rate of the stable phase, e.g. 0.01");
        Warmup = Guard.NonNegative(warmup, nameof(warmup), "give the warm-up length in the schedule's unit, 0 for none");
        Stable = Guard.NonNegative(stable, nameof(stable), "give the length of the stable phase in the schedule's unit");
        Decay = Guard.Positive(decay, nameof(decay), "give the length of the decay in the schedule's unit, e.g. 10% of the run");
        Floor = Guard.NonNegative(floor, nameof(floor), "give the final rate, e.g. 0");
        Guard.NotAbove(Floor, nameof(floor), Peak, "peak", "lower the floor or raise the peak");
        WarmupStart = Guard.NonNegative(warmupStart, nameof(warmupStart), "give the rate the warm-up starts from, e.g. 0");
        Guard.NotAbove(WarmupStart, nameof(warmupStart), Peak, "peak", "start the warm-up below the peak");
        DecayShape = decayShape ?? CycleShape.Linear;
        DecayShape.Validate(Peak, Floor);
        _decayStart = Warmup + Stable;
        _end = _decayStart + Decay;
    }

    /// <summary>The rate of the stable phase.</summary>
    public double Peak { get; }

    /// <summary>The warm-up length.</summary>
    public double Warmup { get; }

    /// <summary>The length of the stable phase.</summary>
    public double Stable { get; }

    /// <summary>The length of the decay.</summary>
    public double Decay { get; }

    /// <summary>The final rate.</summary>
    public double Floor { get; }

    /// <summary>The decay curve.</summary>
    public CycleShape DecayShape { get; }

    /// <summary>The rate the warm-up starts from.</summary>
    public double WarmupStart { get; }

    /// <summary>Where the decay ends and the floor begins: <c>warmup + stable + decay</c>.</summary>
    public double End => _end;

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        if (t < Warmup)
        {
            return WarmupStart + ((Peak - WarmupStart) * (t / Warmup));
        }

        if (t < _decayStart)
        {
            return Peak;
        }

        if (t < _end)
        {
            var x = Math.Clamp((t - _decayStart) / Decay, 0.0, 1.0);
            return Math.Clamp(DecayShape.Value(Peak, Floor, x), Floor, Peak);
        }

        return Floor;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("warmup_stable_decay")
            .Argument("peak", Peak)
            .Argument("warmup", Warmup)
            .Argument("stable", Stable)
            .Argument("decay", Decay)
            .Argument("floor", Floor)
            .Argument("decay_shape", DecayShape.WriteSpec)
            .Argument("warmup_start", WarmupStart)
            .EndCall();
}
