using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts;

public static partial class Schedules
{
    /// <summary>A constant rate (see <see cref="ConstantSchedule"/>).</summary>
    /// <param name="value">The rate, &gt;= 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ConstantSchedule Constant(double value) => new(value);

    /// <summary>Step decay, <c>initial · gamma^⌊t / stepSize⌋</c> (PyTorch <c>StepLR</c>; see <see cref="StepSchedule"/>).</summary>
    /// <param name="initial">The starting rate.</param>
    /// <param name="stepSize">The distance between decays, &gt; 0.</param>
    /// <param name="gamma">The factor per decay, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static StepSchedule Step(double initial, double stepSize, double gamma) => new(initial, stepSize, gamma);

    /// <summary>Multi-step decay, <c>initial · gamma^(milestones &lt;= t)</c> (PyTorch <c>MultiStepLR</c>; see <see cref="MultiStepSchedule"/>).</summary>
    /// <param name="initial">The starting rate.</param>
    /// <param name="milestones">At least one milestone &gt;= 0, any order.</param>
    /// <param name="gamma">The factor per milestone, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static MultiStepSchedule MultiStep(double initial, IEnumerable<double> milestones, double gamma) => new(initial, milestones, gamma);

    /// <summary>Exponential decay, <c>max(end, initial · decayRate^(t / decayLength))</c>, or growth capped at <c>end</c> for <c>decayRate &gt; 1</c> (see <see cref="ExponentialSchedule"/>).</summary>
    /// <param name="initial">The starting rate.</param>
    /// <param name="decayRate">The factor per decay length, &gt; 0 (above 1: growth).</param>
    /// <param name="decayLength">The decay length, &gt; 0.</param>
    /// <param name="staircase">Whether to decay in whole decay lengths.</param>
    /// <param name="end">An optional bound: lower for a decay, upper for growth.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ExponentialSchedule Exponential(double initial, double decayRate, double decayLength = 1.0, bool staircase = false, double? end = null) =>
        new(initial, decayRate, decayLength, staircase, end);

    /// <summary>One cosine annealing from <paramref name="peak"/> to <paramref name="floor"/> over <paramref name="length"/>, then the floor (see <see cref="CosineAnnealingSchedule"/>).</summary>
    /// <param name="peak">The starting rate, <c>η_max</c>.</param>
    /// <param name="floor">The final rate, <c>η_min</c>.</param>
    /// <param name="length">The annealing length, <c>T_max</c>.</param>
    /// <param name="exponent">The power of the cosine factor (optax <c>exponent</c>).</param>
    /// <param name="periodic">Whether the cosine continues past <paramref name="length"/> (PyTorch <c>CosineAnnealingLR</c>).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static CosineAnnealingSchedule CosineAnnealing(double peak, double floor, double length, double exponent = 1.0, bool periodic = false) =>
        new(peak, floor, length, exponent, periodic);

    /// <summary>A straight line from <paramref name="start"/> to <paramref name="end"/> over <paramref name="length"/>, then <paramref name="end"/> (see <see cref="LinearSchedule"/>).</summary>
    /// <param name="start">The starting rate.</param>
    /// <param name="end">The final rate.</param>
    /// <param name="length">The ramp length, &gt; 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static LinearSchedule Linear(double start, double end, double length) => new(start, end, length);

    /// <summary>Polynomial decay, <c>end + (start − end)(1 − t / length)^power</c> (see <see cref="PolynomialSchedule"/>).</summary>
    /// <param name="start">The starting rate.</param>
    /// <param name="end">The final rate.</param>
    /// <param name="length">The decay length, &gt; 0.</param>
    /// <param name="power">The exponent, &gt; 0.</param>
    /// <param name="cycle">Whether the decay restarts over a horizon grown to the next multiple of <paramref name="length"/> (Keras <c>cycle=True</c>).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static PolynomialSchedule Polynomial(double start, double end, double length, double power, bool cycle = false) => new(start, end, length, power, cycle);

    /// <summary>Inverse-time decay, <c>initial / (1 + decayRate · t / decayLength)</c> (Keras <c>InverseTimeDecay</c>; see <see cref="InverseTimeSchedule"/>).</summary>
    /// <param name="initial">The starting rate.</param>
    /// <param name="decayRate">The decay per decay length, &gt;= 0.</param>
    /// <param name="decayLength">The decay length, &gt; 0.</param>
    /// <param name="staircase">Whether to decay in whole decay lengths.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static InverseTimeSchedule InverseTime(double initial, double decayRate, double decayLength, bool staircase = false) =>
        new(initial, decayRate, decayLength, staircase);

    /// <summary>Inverse-square-root decay, <c>peak · sqrt(timescale / max(t, timescale))</c> (Vaswani et al., arXiv 1706.03762; see <see cref="InverseSquareRootSchedule"/>).</summary>
    /// <param name="peak">The rate until <paramref name="timescale"/>.</param>
    /// <param name="timescale">Where the decay begins, &gt; 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static InverseSquareRootSchedule InverseSquareRoot(double peak, double timescale) => new(peak, timescale);

    /// <summary>A piecewise-constant rate (see <see cref="PiecewiseConstantSchedule"/>).</summary>
    /// <param name="boundaries">Strictly increasing progress points &gt;= 0.</param>
    /// <param name="values">One value more than boundaries.</param>
    /// <param name="inclusiveBoundaries">Whether a boundary belongs to the segment before it (Keras) rather than after it (optax).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static PiecewiseConstantSchedule PiecewiseConstant(IEnumerable<double> boundaries, IEnumerable<double> values, bool inclusiveBoundaries = false) =>
        new(boundaries, values, inclusiveBoundaries);

    /// <summary>Linear interpolation between points (see <see cref="PiecewiseLinearSchedule"/>).</summary>
    /// <param name="points">At least two points with strictly increasing progress.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static PiecewiseLinearSchedule PiecewiseLinear(IEnumerable<SchedulePoint> points) => new(points);

    /// <summary>Interpolation between points by lines or half cosines (see <see cref="PiecewiseLinearSchedule"/>).</summary>
    /// <param name="points">At least two points with strictly increasing progress.</param>
    /// <param name="interpolation">The curve between two points.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static PiecewiseLinearSchedule PiecewiseLinear(IEnumerable<SchedulePoint> points, Interpolation interpolation) => new(points, interpolation);

    /// <summary>Linear interpolation between points given as <c>(progress, value)</c> pairs (see <see cref="PiecewiseLinearSchedule"/>).</summary>
    /// <param name="points">At least two points with strictly increasing progress.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static PiecewiseLinearSchedule PiecewiseLinear(params (double Progress, double Value)[] points) =>
        new(Internal.Guard.NotNull(points, nameof(points), "give at least two (progress, value) points").Select(p => new SchedulePoint(p.Progress, p.Value)));

    /// <summary>Cyclical learning rates (Smith, arXiv 1506.01186; PyTorch <c>CyclicLR</c>; see <see cref="CyclicSchedule"/>).</summary>
    /// <param name="baseRate">The value at each cycle start (<c>base_lr</c>).</param>
    /// <param name="maxRate">The value at each cycle's turn (<c>max_lr</c>).</param>
    /// <param name="stepSizeUp">The rising length, &gt; 0.</param>
    /// <param name="stepSizeDown">The falling length, &gt; 0; <see langword="null"/>: <paramref name="stepSizeUp"/>.</param>
    /// <param name="mode">How the amplitude changes between cycles.</param>
    /// <param name="gamma">The per-unit amplitude factor of <see cref="CyclicMode.ExpRange"/>, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static CyclicSchedule Cyclic(double baseRate, double maxRate, double stepSizeUp, double? stepSizeDown = null, CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0) =>
        new(baseRate, maxRate, stepSizeUp, stepSizeDown, mode, gamma);

    /// <summary>The one-cycle policy (Smith &amp; Topin, arXiv 1708.07120; PyTorch <c>OneCycleLR</c>; see <see cref="OneCycleSchedule"/>).</summary>
    /// <param name="maxRate">The peak rate (<c>max_lr</c>).</param>
    /// <param name="total">The run length (<c>total_steps</c>), &gt;= 2.</param>
    /// <param name="pctStart">The rising fraction, in (0, 1).</param>
    /// <param name="anneal">The curve within each phase.</param>
    /// <param name="divFactor">Peak over starting rate.</param>
    /// <param name="finalDivFactor">Starting rate over final rate.</param>
    /// <param name="threePhase">Whether to use three phases.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static OneCycleSchedule OneCycle(double maxRate, double total, double pctStart = 0.3, OneCycleAnneal anneal = OneCycleAnneal.Cosine, double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false) =>
        new(maxRate, total, pctStart, anneal, divFactor, finalDivFactor, threePhase);

    /// <summary>Warmup-stable-decay (arXiv 2404.06395, 2405.18392; see <see cref="WarmupStableDecaySchedule"/>).</summary>
    /// <param name="peak">The stable rate.</param>
    /// <param name="warmup">The warm-up length, &gt;= 0.</param>
    /// <param name="stable">The stable length, &gt;= 0.</param>
    /// <param name="decay">The decay length, &gt; 0.</param>
    /// <param name="floor">The final rate, &lt;= <paramref name="peak"/>.</param>
    /// <param name="decayShape">The decay curve; <see langword="null"/>: linear.</param>
    /// <param name="warmupStart">The rate the warm-up starts from.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static WarmupStableDecaySchedule WarmupStableDecay(double peak, double warmup, double stable, double decay, double floor = 0.0, CycleShape? decayShape = null, double warmupStart = 0.0) =>
        new(peak, warmup, stable, decay, floor, decayShape, warmupStart);
}
