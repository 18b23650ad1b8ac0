using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Cyclical learning rates (Smith, "Cyclical Learning Rates for Training Neural Networks", arXiv 1506.01186):
/// triangles between <c>baseRate</c> and <c>maxRate</c>, rising over <c>stepSizeUp</c> and falling over
/// <c>stepSizeDown</c>; PyTorch <c>CyclicLR</c>'s formula exactly.
/// </summary>
/// <remarks>
/// <para>
/// With <c>total = stepSizeUp + stepSizeDown</c> and <c>ratio = stepSizeUp / total</c>:
/// <c>cycle = ⌊1 + t / total⌋</c>, <c>x = 1 + t / total − cycle</c>,
/// <c>scale = x / ratio</c> if <c>x &lt;= ratio</c> else <c>(x − 1) / (ratio − 1)</c>, and
/// <c>η_t = baseRate + (maxRate − baseRate) · scale · f</c> with <c>f = 1</c> (<see cref="CyclicMode.Triangular"/>),
/// <c>1 / 2^(cycle − 1)</c> (<see cref="CyclicMode.Triangular2"/>) or <c>gamma^t</c> (<see cref="CyclicMode.ExpRange"/>).
/// PyTorch's <c>base_lr</c>, <c>max_lr</c>, <c>step_size_up</c>, <c>step_size_down</c>, <c>mode</c>, <c>gamma</c>.
/// </para>
/// <para>
/// <c>maxRate</c> may be below <c>baseRate</c>: the triangles then point down. That is how momentum cycles
/// inversely to the rate: PyTorch's <c>momentum = max_momentum − (max_momentum − base_momentum) · scale · f</c> is this
/// schedule with <c>baseRate = max_momentum</c> and <c>maxRate = base_momentum</c>.
/// </para>
/// <para>Cyclic schedules have no restarts in SGDR's sense, so <see cref="Schedule.TryGetCycle"/> reports none.</para>
/// </remarks>
public sealed class CyclicSchedule : Schedule
{
    private readonly double _total;
    private readonly double _stepRatio;

    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">The value at the start of each cycle (<c>base_lr</c>), finite, &gt;= 0.</param>
    /// <param name="maxRate">The value at the turn of each cycle (<c>max_lr</c>), finite, &gt;= 0; may be below <paramref name="baseRate"/>.</param>
    /// <param name="stepSizeUp">The length of the rising half, finite, &gt; 0.</param>
    /// <param name="stepSizeDown">The length of the falling half, finite, &gt; 0; <see langword="null"/> (default): <paramref name="stepSizeUp"/>.</param>
    /// <param name="mode">How the amplitude changes from cycle to cycle.</param>
    /// <param name="gamma">The per-unit amplitude factor of <see cref="CyclicMode.ExpRange"/>, in (0, 1]; the other modes ignore it (and the spec leaves it out).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public CyclicSchedule(double baseRate, double maxRate, double stepSizeUp, double? stepSizeDown = null, CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0)
    {
        BaseRate = Guard.NonNegative(baseRate, nameof(baseRate), "give the value at the start of each cycle (base_lr), e.g. 0.001");
        MaxRate = Guard.NonNegative(maxRate, nameof(maxRate), "give the value at the turn of each cycle (max_lr), e.g. 0.006");
        StepSizeUp = Guard.Positive(stepSizeUp, nameof(stepSizeUp), "give the length of the rising half of a cycle, e.g. 2000");
        StepSizeDown = Guard.Positive(stepSizeDown ?? stepSizeUp, nameof(stepSizeDown), "give the length of the falling half of a cycle, or none for the same as stepSizeUp");
        if (!Enum.IsDefined(mode))
        {
            throw Guard.Fail(nameof(mode), "Triangular, Triangular2 or ExpRange", mode.ToString(), "choose how the amplitude changes from cycle to cycle");
        }

        Mode = mode;
        Gamma = Guard.UnitFactor(gamma, nameof(gamma), "give the amplitude factor per unit of progress for ExpRange, e.g. 0.99994, or 1");
        _total = StepSizeUp + StepSizeDown;
        _stepRatio = StepSizeUp / _total;
        if (!double.IsFinite(_total) || _stepRatio <= 0 || _stepRatio >= 1)
        {
            throw Guard.Fail(nameof(stepSizeDown), $"within a factor 2^52 of stepSizeUp ({Guard.Show(StepSizeUp)})", Guard.Show(StepSizeDown), "give half-cycle lengths of comparable size");
        }
    }

    /// <summary>The value at the start of each cycle (<c>base_lr</c>).</summary>
    public double BaseRate { get; }

    /// <summary>The value at the turn of each cycle (<c>max_lr</c>).</summary>
    public double MaxRate { get; }

    /// <summary>The length of the rising half.</summary>
    public double StepSizeUp { get; }

    /// <summary>The length of the falling half.</summary>
    public double StepSizeDown { get; }

    /// <summary>How the amplitude changes from cycle to cycle.</summary>
    public CyclicMode Mode { get; }

    /// <summary>The per-unit amplitude factor of <see cref="CyclicMode.ExpRange"/>.</summary>
    public double Gamma { get; }

    /// <summary>
    /// The momentum schedule that cycles inversely to a <see cref="CyclicSchedule"/> with the same lengths and mode:
    /// from <paramref name="maxMomentum"/> down to <paramref name="baseMomentum"/> and back (PyTorch
    /// <c>cycle_momentum=True</c>).
    /// </summary>
    /// <param name="baseMomentum">The lowest momentum, reached where the rate peaks (<c>base_momentum</c>, PyTorch default 0.8).</param>
    /// <param name="maxMomentum">The momentum at the start of each cycle (<c>max_momentum</c>, PyTorch default 0.9).</param>
    /// <returns>The schedule <c>cyclic(baseRate: maxMomentum, maxRate: baseMomentum, ...)</c>.</returns>
    /// <exception cref="ScheduleArgumentException">A momentum is out of range.</exception>
    public CyclicSchedule Momentum(double baseMomentum = 0.8, double maxMomentum = 0.9)
    {
        Guard.NonNegative(baseMomentum, nameof(baseMomentum), "give the lowest momentum, e.g. 0.8");
        Guard.NonNegative(maxMomentum, nameof(maxMomentum), "give the momentum at the start of each cycle, e.g. 0.9");
        return new CyclicSchedule(maxMomentum, baseMomentum, StepSizeUp, StepSizeDown, Mode, Gamma);
    }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        // PyTorch CyclicLR.get_lr, operation for operation.
        var cycle = Math.Floor(1.0 + (t / _total));
        var x = 1.0 + (t / _total) - cycle;
        var scale = x <= _stepRatio ? x / _stepRatio : (x - 1.0) / (_stepRatio - 1.0);
        var baseHeight = (MaxRate - BaseRate) * scale;
        var factor = Mode switch
        {
            CyclicMode.Triangular => 1.0,
            CyclicMode.Triangular2 => 1.0 / Math.Pow(2.0, cycle - 1.0),
            _ => Math.Pow(Gamma, t),
        };
        return BaseRate + (baseHeight * factor);
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("cyclic")
            .Argument("base_rate", BaseRate)
            .Argument("max_rate", MaxRate)
            .Argument("step_size_up", StepSizeUp)
            .Argument("step_size_down", StepSizeDown)
            .Argument("mode", Mode switch
            {
                CyclicMode.Triangular => "triangular",
                CyclicMode.Triangular2 => "triangular2",
                _ => "exp_range",
            });
        if (Mode == CyclicMode.ExpRange)
        {
            writer.Argument("gamma", Gamma);
        }

        writer.EndCall();
    }
}
