namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>How many epochs a run needs to reach a target accuracy, and the speed-up of one schedule over another.</summary>
public static class EpochsToTarget
{
    /// <summary>The first epoch (1-based) at which the curve reaches <paramref name="target"/>, or <see langword="null"/> if it never does.</summary>
    /// <param name="curve">Accuracy after epoch 1, 2, … (e.g. an <see cref="Anytime"/> curve).</param>
    /// <param name="target">The accuracy to reach (reached when &gt;= target).</param>
    /// <returns>The epoch, or <see langword="null"/>.</returns>
    public static int? First(IReadOnlyList<double> curve, double target)
    {
        ArgumentNullException.ThrowIfNull(curve);
        for (var i = 0; i < curve.Count; i++)
        {
            if (curve[i] >= target)
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// The median over seeds of the speed-up baseline epochs / schedule epochs. A seed where only the baseline
    /// reached the target counts as speed-up 0, one where only the schedule reached it as +∞, and seeds where
    /// neither did are left out (so failing to reach the target is never rewarded).
    /// </summary>
    /// <param name="schedule">Epochs to target per seed for the schedule (<see langword="null"/>: not reached).</param>
    /// <param name="baseline">The same for the baseline, same seeds, same order.</param>
    /// <returns>The median speed-up and how many seeds entered it.</returns>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static SpeedUp MedianSpeedUp(IReadOnlyList<int?> schedule, IReadOnlyList<int?> baseline)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(baseline);
        if (schedule.Count != baseline.Count)
        {
            throw new ArgumentException($"paired samples need one value per seed on both sides, but there are {schedule.Count} and {baseline.Count}; pass the same seeds", nameof(baseline));
        }

        var ratios = new List<double>();
        for (var i = 0; i < schedule.Count; i++)
        {
            switch (schedule[i], baseline[i])
            {
                case (int s, int b):
                    ratios.Add((double)b / s);
                    break;
                case (null, int):
                    ratios.Add(0);
                    break;
                case (int, null):
                    ratios.Add(double.PositiveInfinity);
                    break;
            }
        }

        return new SpeedUp(ratios.Count == 0 ? double.NaN : Statistics.Median(ratios), ratios.Count, schedule.Count(s => s is not null), schedule.Count);
    }
}
