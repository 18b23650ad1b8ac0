using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Inverse-square-root decay: <c>η_t = peak · sqrt(timescale / max(t, timescale))</c> — the <c>peak</c> holds until
/// <c>t = timescale</c>, then falls as <c>1/√t</c>.
/// </summary>
/// <remarks>
/// This is the decay of the Transformer schedule (Vaswani et al., "Attention Is All You Need", arXiv 1706.03762,
/// eq. 3: <c>d_model^−0.5 · min(step^−0.5, step · warmup_steps^−1.5)</c>) and of fairseq's
/// <c>inverse_sqrt</c> after the warm-up, with <c>timescale</c> = <c>warmup_steps</c> and <c>peak</c> the rate
/// reached at the end of the warm-up. For the full Transformer shape put a linear warm-up of length
/// <c>timescale</c> in front of it (<c>Schedules.Warmup(schedule, timescale)</c>, which shifts the decay by the
/// warm-up length) or evaluate it as is for a constant start.
/// </remarks>
public sealed class InverseSquareRootSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="peak">The rate until <paramref name="timescale"/>, finite, &gt;= 0.</param>
    /// <param name="timescale">The progress at which the decay begins, finite, &gt; 0 (<c>warmup_steps</c>).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public InverseSquareRootSchedule(double peak, double timescale)
    {
        Peak = Guard.NonNegative(peak, nameof(peak), "give the rate before the decay, e.g. 0.001");
        Timescale = Guard.Positive(timescale, nameof(timescale), "give the progress at which the 1/sqrt decay begins, e.g. 4000");
    }

    /// <summary>The rate until <see cref="Timescale"/>.</summary>
    public double Peak { get; }

    /// <summary>The progress at which the decay begins.</summary>
    public double Timescale { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        t <= Timescale ? Peak : Peak * Math.Sqrt(Timescale / t);

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("inverse_square_root").Argument("peak", Peak).Argument("timescale", Timescale).EndCall();
}
