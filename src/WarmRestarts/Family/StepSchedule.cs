using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Step decay: the rate is multiplied by <c>gamma</c> every <c>stepSize</c>:
/// <c>η_t = initial · gamma^⌊t / stepSize⌋</c> (PyTorch <c>StepLR</c>, symbols <c>step_size</c> and <c>gamma</c>).
/// </summary>
/// <remarks>
/// <c>gamma</c> is restricted to (0, 1] so that the rate never grows without bound (a decay, as in every use of
/// <c>StepLR</c>); 1 gives a constant rate.
/// </remarks>
public sealed class StepSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate before the first step, finite, &gt;= 0.</param>
    /// <param name="stepSize">The distance between decays in the schedule's unit, finite, &gt; 0 (PyTorch <c>step_size</c>).</param>
    /// <param name="gamma">The factor applied at each decay, in (0, 1].</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public StepSchedule(double initial, double stepSize, double gamma)
    {
        Initial = Guard.NonNegative(initial, nameof(initial), "give the starting rate, e.g. 0.1");
        StepSize = Guard.Positive(stepSize, nameof(stepSize), "give the distance between decays in the schedule's unit, e.g. 30");
        Gamma = Guard.UnitFactor(gamma, nameof(gamma), "give the factor applied at each decay, e.g. 0.1");
    }

    /// <summary>The rate before the first decay.</summary>
    public double Initial { get; }

    /// <summary>The distance between decays (<c>step_size</c>).</summary>
    public double StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        Initial * Math.Pow(Gamma, Math.Floor(t / StepSize));

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("step").Argument("initial", Initial).Argument("step_size", StepSize).Argument("gamma", Gamma).EndCall();
}
