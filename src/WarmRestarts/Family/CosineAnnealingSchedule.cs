using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// One cosine annealing without restarts (Loshchilov &amp; Hutter, arXiv 1608.03983, eq. 5 with a single cycle):
/// <c>η_t = floor + (peak − floor) · ((1 + cos(π · min(t, length) / length)) / 2)^exponent</c>; after
/// <c>length</c> the floor holds.
/// </summary>
/// <remarks>
/// <c>peak</c> is <c>η_max</c>, <c>floor</c> is <c>η_min</c>, <c>length</c> is <c>T_max</c> of PyTorch's
/// <c>CosineAnnealingLR</c> (which, unlike this schedule, climbs again after <c>T_max</c>) and
/// <c>decay_steps</c> of optax's <c>cosine_decay_schedule</c>, whose <c>exponent</c> this schedule shares
/// (default 1, the plain cosine). With <c>periodic</c> the cosine goes on past <c>length</c> as PyTorch's
/// <c>CosineAnnealingLR</c> does: back up to the peak at <c>2 · length</c>, with period <c>2 · length</c>.
/// </remarks>
public sealed class CosineAnnealingSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="peak">The rate at 0, <c>η_max</c>, finite, &gt;= 0.</param>
    /// <param name="floor">The rate from <paramref name="length"/> on, <c>η_min</c>, in [0, <paramref name="peak"/>].</param>
    /// <param name="length">The length of the annealing, <c>T_max</c>, finite, &gt; 0.</param>
    /// <param name="exponent">The power applied to the cosine factor, finite, &gt; 0 (optax <c>exponent</c>).</param>
    /// <param name="periodic">Whether the cosine continues past <paramref name="length"/> (PyTorch <c>CosineAnnealingLR</c>) instead of holding the floor.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public CosineAnnealingSchedule(double peak, double floor, double length, double exponent = 1.0, bool periodic = false)
    {
        Periodic = periodic;
        Peak = Guard.NonNegative(peak, nameof(peak), "give the starting rate (eta_max), e.g. 0.1");
        Floor = Guard.NonNegative(floor, nameof(floor), "give the final rate (eta_min), e.g. 0");
        Guard.NotAbove(Floor, nameof(floor), Peak, "peak", "lower the floor or raise the peak");
        Length = Guard.Positive(length, nameof(length), "give the length of the annealing (T_max) in the schedule's unit, e.g. 100");
        Exponent = Guard.Positive(exponent, nameof(exponent), "give the power of the cosine factor, 1 for the plain cosine");
    }

    /// <summary>The rate at 0, <c>η_max</c>.</summary>
    public double Peak { get; }

    /// <summary>The final rate, <c>η_min</c>.</summary>
    public double Floor { get; }

    /// <summary>The length of the annealing, <c>T_max</c>.</summary>
    public double Length { get; }

    /// <summary>The power applied to the cosine factor.</summary>
    public double Exponent { get; }

    /// <summary>Whether the cosine continues past <see cref="Length"/> with period <c>2 · Length</c> instead of holding the floor.</summary>
    public bool Periodic { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        if (t >= Length)
        {
            if (!Periodic)
            {
                return Floor;
            }

            // cos(π t / T) has period 2T; reducing t first keeps the argument small (exact remainder).
            t %= 2.0 * Length;
        }

        var factor = (1.0 + Math.Cos(Math.PI * t / Length)) / 2.0;
        if (Exponent != 1.0)
        {
            factor = Math.Pow(factor, Exponent);
        }

        return Math.Clamp(Floor + ((Peak - Floor) * factor), Floor, Peak);
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("cosine_annealing")
            .Argument("peak", Peak)
            .Argument("floor", Floor)
            .Argument("length", Length)
            .Argument("exponent", Exponent);
        if (Periodic)
        {
            writer.Argument("periodic", true);
        }

        writer.EndCall();
    }
}
