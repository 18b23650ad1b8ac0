using WarmRestarts.Internal;
using WarmRestarts.Restarts;

namespace WarmRestarts;

/// <summary>
/// The classic SGDR scheduler (Loshchilov &amp; Hutter, arXiv 1608.03983), stepped once per epoch: cosine
/// annealing from <c>initialLearningRate</c> down to <c>minLearningRate</c> over <c>restartInterval</c> epochs,
/// then a warm restart at the initial rate with the interval multiplied by <c>intervalMultiplier</c>.
/// </summary>
/// <remarks>
/// <para>
/// Mapping to SGDR's symbols: <c>initialLearningRate</c> is <c>η_max</c>, <c>minLearningRate</c> is
/// <c>η_min</c>, <c>restartInterval</c> is <c>T_0</c>, <c>intervalMultiplier</c> is <c>T_mult</c>; the epoch
/// counter gives <c>T_cur</c>. The rate at epoch <c>e</c> in cycle <c>i</c> is
/// <c>η_min + (η_max − η_min)(1 + cos(π T_cur / T_i)) / 2</c> with <c>T_i = T_0 · T_mult^i</c> (eq. 5).
/// With the defaults, restarts happen at epochs 10, 30, 70, 150, … for <c>restartInterval = 10</c>.
/// </para>
/// <para>
/// The widely copied sample code published under this name halves the rate every interval and never restarts
/// (<c>lr · 0.5^⌊epoch / interval⌋</c>). That is step decay, not warm restarts. To get a halving curve inside
/// restart cycles, use <see cref="WarmRestartsSchedule"/> with <see cref="CycleShape.StepHalving(int)"/>.
/// </para>
/// <para>
/// The schedule is a pure function of the epoch (<see cref="Schedule"/>): <see cref="LearningRateScheduler.LearningRate"/> costs O(1) at any
/// epoch and does not allocate. Stepping from epoch to epoch it keeps the current restart cycle, so that
/// <see cref="LearningRateScheduler.ScheduleNextEpoch"/> skips locating the cycle (the same value bit for bit).
/// For per-step (fractional-epoch) schedules and several parameter groups, use <c>Scheduling.GroupScheduler</c>.
/// </para>
/// <para>Not thread-safe: use one scheduler from one training loop.</para>
/// </remarks>
public sealed class WarmRestartsScheduler : LearningRateScheduler
{
    private CycleCache _cycle; // the cycle of the last evaluated epoch

    /// <summary>Creates the scheduler; <see cref="LearningRateScheduler.LearningRate"/> is then the epoch-0 rate, <paramref name="initialLearningRate"/>.</summary>
    /// <param name="initialLearningRate">The rate at epoch 0 and at every restart, <c>η_max</c>: finite, &gt;= 0.</param>
    /// <param name="restartInterval">The first cycle's length in epochs, <c>T_0</c>: &gt;= 1.</param>
    /// <param name="minLearningRate">The rate the cosine anneals to, <c>η_min</c>: finite, in [0, <paramref name="initialLearningRate"/>].</param>
    /// <param name="intervalMultiplier">The factor each cycle is longer than the last, <c>T_mult</c>: finite, &gt;= 1.</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range; the message names it.</exception>
    public WarmRestartsScheduler(double initialLearningRate, int restartInterval, double minLearningRate = 1e-6, double intervalMultiplier = 2)
    {
        Guard.NonNegative(initialLearningRate, nameof(initialLearningRate), "give the rate at the start of each cycle, e.g. 0.1");
        Guard.NonNegative(minLearningRate, nameof(minLearningRate), "give the rate each cycle anneals to, e.g. 1e-6");
        Guard.NotAbove(minLearningRate, nameof(minLearningRate), initialLearningRate, nameof(initialLearningRate), "lower minLearningRate or raise initialLearningRate");
        Guard.PositiveInt(restartInterval, nameof(restartInterval), "give the length of the first cycle in epochs, e.g. 10");
        Guard.AtLeast(intervalMultiplier, 1.0, nameof(intervalMultiplier), "give the factor by which each cycle is longer than the last, 1 for equal cycles");
        Schedule = new WarmRestartsSchedule(initialLearningRate, minLearningRate, restartInterval, intervalMultiplier);
    }

    /// <summary>The schedule this scheduler steps through, with progress in epochs.</summary>
    public WarmRestartsSchedule Schedule { get; }

    /// <summary>The restart cycle of the current epoch.</summary>
    public CycleInfo Cycle => Schedule.CycleAt(Epoch);

    /// <inheritdoc />
    protected override double RateAtEpoch(long epoch) => Schedule.EvaluateCached(epoch, ref _cycle);
}
