namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>The median speed-up of a schedule over a baseline in epochs to a target (see <see cref="EpochsToTarget.MedianSpeedUp"/>).</summary>
/// <param name="Median">Median of baseline epochs / schedule epochs (2 = twice as fast; 0 when the schedule mostly never reached it; NaN when no seed entered).</param>
/// <param name="Seeds">Seeds that entered the median (at least one side reached the target).</param>
/// <param name="Reached">Seeds on which the schedule reached the target.</param>
/// <param name="Total">All seeds.</param>
public sealed record SpeedUp(double Median, int Seeds, int Reached, int Total);
