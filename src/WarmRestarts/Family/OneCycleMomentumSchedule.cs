using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// The momentum that cycles inversely to a <see cref="OneCycleSchedule"/> (Smith &amp; Topin, arXiv 1708.07120;
/// PyTorch <c>OneCycleLR</c> with <c>cycle_momentum=True</c>), with the same phases.
/// </summary>
/// <remarks>
/// Two phases: <c>maxMomentum → baseMomentum</c>, then <c>baseMomentum → maxMomentum</c>. Three phases:
/// <c>maxMomentum → baseMomentum</c>, <c>baseMomentum → maxMomentum</c>, then <c>maxMomentum</c> held. The anneal
/// curves and phase ends are those of <see cref="OneCycleSchedule"/>; from <c>total − 1</c> on the final value holds.
/// PyTorch's <c>base_momentum</c> and <c>max_momentum</c>.
/// </remarks>
public sealed class OneCycleMomentumSchedule : Schedule
{
    private readonly OneCyclePhases _phases;
    private readonly double[] _from;
    private readonly double[] _to;

    /// <summary>Creates the schedule.</summary>
    /// <param name="total">The length of the run (<c>total_steps</c>), finite, &gt;= 2.</param>
    /// <param name="baseMomentum">The momentum at the rate's peak (<c>base_momentum</c>), finite, &gt;= 0.</param>
    /// <param name="maxMomentum">The momentum at the start and end (<c>max_momentum</c>), finite, &gt;= 0.</param>
    /// <param name="pctStart">The fraction of the run in the first phase, in (0, 1).</param>
    /// <param name="anneal">The curve within each phase.</param>
    /// <param name="extrapolate">Whether the last phase's formula continues past <c>total − 1</c> (PyTorch computes the value at <c>total_steps</c> this way) instead of holding the final value.</param>
    /// <param name="threePhase">Whether the run has three phases.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range or a phase would be empty.</exception>
    public OneCycleMomentumSchedule(double total, double baseMomentum = 0.85, double maxMomentum = 0.95, double pctStart = 0.3, OneCycleAnneal anneal = OneCycleAnneal.Cosine, bool threePhase = false, bool extrapolate = false)
    {
        BaseMomentum = Guard.NonNegative(baseMomentum, nameof(baseMomentum), "give the momentum at the rate's peak, e.g. 0.85");
        MaxMomentum = Guard.NonNegative(maxMomentum, nameof(maxMomentum), "give the momentum at the start and end of the run, e.g. 0.95");
        _phases = new OneCyclePhases(total, pctStart, anneal, threePhase, extrapolate);
        (_from, _to) = threePhase
            ? ((double[])[MaxMomentum, BaseMomentum, MaxMomentum], (double[])[BaseMomentum, MaxMomentum, MaxMomentum])
            : ([MaxMomentum, BaseMomentum], [BaseMomentum, MaxMomentum]);
    }

    /// <summary>The momentum at the rate's peak (<c>base_momentum</c>).</summary>
    public double BaseMomentum { get; }

    /// <summary>The momentum at the start and end (<c>max_momentum</c>).</summary>
    public double MaxMomentum { get; }

    /// <summary>The length of the run (<c>total_steps</c>).</summary>
    public double Total => _phases.Total;

    /// <summary>The fraction of the run in the first phase (<c>pct_start</c>).</summary>
    public double PctStart => _phases.PctStart;

    /// <summary>The curve within each phase.</summary>
    public OneCycleAnneal Anneal => _phases.Anneal;

    /// <summary>Whether the run has three phases.</summary>
    public bool ThreePhase => _phases.ThreePhase;

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => _phases.Evaluate(t, _from, _to);

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("one_cycle_momentum").Argument("base_momentum", BaseMomentum).Argument("max_momentum", MaxMomentum);
        _phases.WriteArguments(writer);
        _phases.WriteExtrapolate(writer);
        writer.EndCall();
    }
}
