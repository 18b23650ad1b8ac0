using WarmRestarts.Internal;

namespace WarmRestarts;

/// <summary>
/// The classic epoch-by-epoch scheduler API: ask for <see cref="LearningRate"/>, train one epoch, call
/// <see cref="ScheduleNextEpoch"/>.
/// </summary>
/// <remarks>
/// <code>
/// var scheduler = new WarmRestartsScheduler(initialLearningRate: 0.1, restartInterval: 10);
/// for (var epoch = 0; epoch &lt; 70; epoch++)
/// {
///     TrainOneEpoch(scheduler.LearningRate);
///     scheduler.ScheduleNextEpoch();
/// }
/// </code>
/// Derived types give the rate of each epoch through <see cref="RateAtEpoch(long)"/>, a pure function; this class
/// keeps the epoch counter and an optional manual override.
/// </remarks>
public abstract class LearningRateScheduler
{
    private double? _override;

    /// <summary>Creates the scheduler at epoch 0.</summary>
    protected LearningRateScheduler()
    {
    }

    /// <summary>The epoch whose rate <see cref="LearningRate"/> is: 0 after construction, +1 per <see cref="ScheduleNextEpoch"/>.</summary>
    public long Epoch { get; private set; }

    /// <summary>
    /// The learning rate for the current <see cref="Epoch"/>: the schedule's rate, or the value given to
    /// <see cref="SetLearningRate(double)"/> since the last <see cref="ScheduleNextEpoch"/>.
    /// </summary>
    public double LearningRate => _override ?? RateAtEpoch(Epoch);

    /// <summary>
    /// Overrides the rate of the current epoch only: <see cref="LearningRate"/> returns
    /// <paramref name="learningRate"/> until the next <see cref="ScheduleNextEpoch"/>, which returns to the
    /// schedule. The schedule itself (peak, floor, restarts) is unchanged; to change it, build a new scheduler.
    /// </summary>
    /// <param name="learningRate">A finite rate &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException">The rate is negative, NaN or infinite.</exception>
    public void SetLearningRate(double learningRate) =>
        _override = Guard.NonNegative(learningRate, nameof(learningRate), "give a finite learning rate >= 0");

    /// <summary>Advances one epoch and returns the rate for it (which <see cref="LearningRate"/> then also returns).</summary>
    /// <returns>The new epoch's learning rate.</returns>
    public double ScheduleNextEpoch()
    {
        Epoch++;
        _override = null;
        return LearningRate;
    }

    /// <summary>The schedule's rate at a whole epoch: a pure function of <paramref name="epoch"/>, O(1).</summary>
    /// <param name="epoch">The epoch, &gt;= 0.</param>
    /// <returns>A finite rate.</returns>
    protected abstract double RateAtEpoch(long epoch);
}
