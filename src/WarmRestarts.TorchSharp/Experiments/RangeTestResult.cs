namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// The curve of a learning-rate range test and the rates it suggests. The rules (documented in the README):
/// <list type="bullet">
/// <item><see cref="MinimumRate"/>: the rate with the lowest smoothed loss.</item>
/// <item><see cref="SteepestRate"/>: the rate where the smoothed loss falls fastest against log(rate), searched up to the minimum (skipping the first tenth, at most 10 points, of the curve where the average is still settling).</item>
/// <item><see cref="Peak"/> (η_max of cyclic and warm-restart schedules) = the steepest rate: the loss still falls fastest there, well before it blows up.</item>
/// <item><see cref="Floor"/> (η_min/base_lr) = where the smoothed loss has first fallen 1% below its value at the start of the search — where learning starts (Smith, arXiv 1506.01186 §3.3: "where the accuracy starts to increase"); at most <see cref="Peak"/>/4.</item>
/// <item><see cref="OneCycleMax"/> (one-cycle max_lr) = <see cref="MinimumRate"/>/10 (fastai's <c>lr_min</c>), as one-cycle's warm-up and momentum cycling tolerate a peak near the edge.</item>
/// </list>
/// </summary>
/// <param name="Points">Every iteration run, in order.</param>
/// <param name="Diverged">Whether the test stopped early because the smoothed loss exceeded the divergence factor times its best (or became non-finite).</param>
/// <param name="MinimumRate">The rate at the lowest smoothed loss.</param>
/// <param name="SteepestRate">The rate of steepest descent of the smoothed loss.</param>
/// <param name="Floor">Suggested minimum rate of cyclic and warm-restart schedules.</param>
/// <param name="Peak">Suggested maximum rate of cyclic and warm-restart schedules.</param>
/// <param name="OneCycleMax">Suggested max_lr of one-cycle.</param>
public sealed record RangeTestResult(IReadOnlyList<RangeTestPoint> Points, bool Diverged, double MinimumRate, double SteepestRate, double Floor, double Peak, double OneCycleMax)
{
    /// <summary>Applies the rules to a curve.</summary>
    /// <param name="points">The iterations, rates rising.</param>
    /// <param name="diverged">Whether the test stopped at divergence.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">Fewer than 3 usable points.</exception>
    public static RangeTestResult Analyse(IReadOnlyList<RangeTestPoint> points, bool diverged)
    {
        ArgumentNullException.ThrowIfNull(points);
        var usable = points.Where(p => double.IsFinite(p.SmoothedLoss)).ToArray();
        if (usable.Length < 3)
        {
            throw new ArgumentException($"a range test needs at least 3 iterations with a finite loss, but had {usable.Length}; lower the start rate or raise the iterations", nameof(points));
        }

        var minimum = 0;
        for (var i = 1; i < usable.Length; i++)
        {
            if (usable[i].SmoothedLoss < usable[minimum].SmoothedLoss)
            {
                minimum = i;
            }
        }

        var skip = Math.Min(10, usable.Length / 10);
        var steepest = -1;
        var steepestSlope = 0.0;
        for (var i = Math.Max(1, skip); i <= minimum && i < usable.Length - 1; i++)
        {
            var slope = (usable[i + 1].SmoothedLoss - usable[i - 1].SmoothedLoss) / (Math.Log(usable[i + 1].LearningRate) - Math.Log(usable[i - 1].LearningRate));
            if (slope < steepestSlope)
            {
                steepestSlope = slope;
                steepest = i;
            }
        }

        var minimumRate = usable[minimum].LearningRate;
        var steepestRate = steepest >= 0 ? usable[steepest].LearningRate : minimumRate / 10;
        var peak = steepestRate;
        var start = usable[skip].SmoothedLoss;
        var floor = usable.Skip(skip).FirstOrDefault(p => p.SmoothedLoss <= 0.99 * start).LearningRate;
        if (!(floor > 0) || floor > peak / 4)
        {
            floor = peak / 4;
        }

        return new RangeTestResult(points, diverged, minimumRate, steepestRate, floor, peak, minimumRate / 10);
    }
}
