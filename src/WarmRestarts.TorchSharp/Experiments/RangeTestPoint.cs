namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>One iteration of a range test.</summary>
/// <param name="Iteration">0-based.</param>
/// <param name="LearningRate">The rate the batch was trained at.</param>
/// <param name="Loss">The batch's loss.</param>
/// <param name="SmoothedLoss">The bias-corrected exponential moving average of the losses so far.</param>
public readonly record struct RangeTestPoint(int Iteration, double LearningRate, double Loss, double SmoothedLoss);
