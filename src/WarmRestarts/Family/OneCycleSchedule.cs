using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// The one-cycle policy (Smith &amp; Topin, "Super-Convergence", arXiv 1708.07120) with PyTorch <c>OneCycleLR</c>'s
/// phases: from <c>initial = maxRate / divFactor</c> up to <c>maxRate</c>, then down to
/// <c>minimum = initial / finalDivFactor</c>.
/// </summary>
/// <remarks>
/// <para>
/// Two phases (default): up from <c>initial</c> to <c>maxRate</c> until <c>pctStart · total − 1</c>, then down to
/// <c>minimum</c> until <c>total − 1</c>. Three phases (<c>threePhase</c>): up until <c>pctStart · total − 1</c>,
/// back down to <c>initial</c> until <c>2 · pctStart · total − 2</c>, then down to <c>minimum</c> until
/// <c>total − 1</c>. Within a phase from <c>s</c> to <c>e</c> with <c>pct = (t − s_step) / (e_step − s_step)</c>, the
/// cosine anneal is <c>e + (s − e) / 2 · (cos(π · pct) + 1)</c> and the linear one <c>(e − s) · pct + s</c>.
/// PyTorch's <c>max_lr</c>, <c>total_steps</c>, <c>pct_start</c>, <c>anneal_strategy</c>, <c>div_factor</c>,
/// <c>final_div_factor</c>, <c>three_phase</c>.
/// </para>
/// <para>
/// From <c>t = total − 1</c> on the final value (<c>minimum</c>) holds, returned exactly. PyTorch instead extrapolates
/// the last phase at <c>t = total</c> and raises an error after it, and its linear anneal gives the value at
/// <c>total − 1</c> only up to rounding (<c>(end − start) · 1 + start</c>); <c>extrapolate</c> reproduces that
/// (the last phase's formula for every <c>t</c> past the second-to-last phase end), for the PyTorch-parity spec. With
/// the linear anneal that value at <c>t = total</c> lies below the final rate, negative with the default factors
/// (−0.0014 for <c>max_lr=0.1, total_steps=100</c>), as in PyTorch; no training step uses it, since PyTorch (and the
/// spec's step limit) refuses to step further, so no batch is ever trained at that rate.
/// </para>
/// <para>Use <see cref="Momentum"/> (or <see cref="OneCycleMomentumSchedule"/>) for the matching momentum cycle.</para>
/// </remarks>
public sealed class OneCycleSchedule : Schedule
{
    private readonly OneCyclePhases _phases;
    private readonly double[] _from;
    private readonly double[] _to;

    /// <summary>Creates the schedule.</summary>
    /// <param name="maxRate">The peak rate (<c>max_lr</c>), finite, &gt;= 0.</param>
    /// <param name="total">The length of the run (<c>total_steps</c>), finite, &gt;= 2.</param>
    /// <param name="pctStart">The fraction of the run spent rising, in (0, 1) (<c>pct_start</c>).</param>
    /// <param name="anneal">The curve within each phase (<c>anneal_strategy</c>).</param>
    /// <param name="divFactor">The starting rate is <c>maxRate / divFactor</c>, finite, &gt; 0 (<c>div_factor</c>).</param>
    /// <param name="finalDivFactor">The final rate is the starting rate <c>/ finalDivFactor</c>, finite, &gt; 0 (<c>final_div_factor</c>).</param>
    /// <param name="extrapolate">Whether the last phase's formula continues past <c>total − 1</c> (PyTorch computes the value at <c>total_steps</c> this way) instead of holding the final value.</param>
    /// <param name="threePhase">Whether to return to the starting rate before the final decay (<c>three_phase</c>).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range or a phase would be empty.</exception>
    public OneCycleSchedule(double maxRate, double total, double pctStart = 0.3, OneCycleAnneal anneal = OneCycleAnneal.Cosine, double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false, bool extrapolate = false)
    {
        MaxRate = Guard.NonNegative(maxRate, nameof(maxRate), "give the peak rate (max_lr), e.g. 0.1");
        DivFactor = Guard.Positive(divFactor, nameof(divFactor), "give the ratio of the peak to the starting rate, e.g. 25");
        FinalDivFactor = Guard.Positive(finalDivFactor, nameof(finalDivFactor), "give the ratio of the starting rate to the final rate, e.g. 1e4");
        _phases = new OneCyclePhases(total, pctStart, anneal, threePhase, extrapolate);
        Initial = MaxRate / DivFactor;
        Minimum = Initial / FinalDivFactor;
        (_from, _to) = threePhase
            ? ((double[])[Initial, MaxRate, Initial], (double[])[MaxRate, Initial, Minimum])
            : ([Initial, MaxRate], [MaxRate, Minimum]);
    }

    /// <summary>The peak rate (<c>max_lr</c>).</summary>
    public double MaxRate { get; }

    /// <summary>The length of the run (<c>total_steps</c>).</summary>
    public double Total => _phases.Total;

    /// <summary>The fraction of the run spent rising (<c>pct_start</c>).</summary>
    public double PctStart => _phases.PctStart;

    /// <summary>The curve within each phase.</summary>
    public OneCycleAnneal Anneal => _phases.Anneal;

    /// <summary>The ratio of the peak to the starting rate (<c>div_factor</c>).</summary>
    public double DivFactor { get; }

    /// <summary>The ratio of the starting rate to the final rate (<c>final_div_factor</c>).</summary>
    public double FinalDivFactor { get; }

    /// <summary>Whether the last phase continues past its end instead of holding (PyTorch's extrapolation at <c>total_steps</c>).</summary>
    public bool Extrapolate => _phases.Extrapolate;

    /// <summary>Whether the rate returns to the starting rate before the final decay.</summary>
    public bool ThreePhase => _phases.ThreePhase;

    /// <summary>The starting rate, <c>maxRate / divFactor</c> (<c>initial_lr</c>).</summary>
    public double Initial { get; }

    /// <summary>The final rate, <c>Initial / finalDivFactor</c> (<c>min_lr</c>).</summary>
    public double Minimum { get; }

    /// <summary>
    /// The momentum cycle with this schedule's phases (PyTorch <c>cycle_momentum=True</c>): from
    /// <paramref name="maxMomentum"/> down to <paramref name="baseMomentum"/> while the rate rises, then back up.
    /// </summary>
    /// <param name="baseMomentum">The momentum at the rate's peak (<c>base_momentum</c>, PyTorch default 0.85).</param>
    /// <param name="maxMomentum">The momentum at the start and end (<c>max_momentum</c>, PyTorch default 0.95).</param>
    /// <returns>The momentum schedule.</returns>
    /// <exception cref="ScheduleArgumentException">A momentum is out of range.</exception>
    public OneCycleMomentumSchedule Momentum(double baseMomentum = 0.85, double maxMomentum = 0.95) =>
        new(Total, baseMomentum, maxMomentum, PctStart, Anneal, ThreePhase, Extrapolate);

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => _phases.Evaluate(t, _from, _to);

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("one_cycle").Argument("max_rate", MaxRate);
        _phases.WriteArguments(writer);
        _phases.WriteExtrapolate(writer);
        writer.Argument("div_factor", DivFactor).Argument("final_div_factor", FinalDivFactor).EndCall();
    }
}
