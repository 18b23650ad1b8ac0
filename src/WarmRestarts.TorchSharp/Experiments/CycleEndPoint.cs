namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>A cycle end of a run: where it happened and how good the model was there.</summary>
/// <param name="Epoch">The fractional epoch at which the cycle ended (its step divided by the steps per epoch).</param>
/// <param name="Accuracy">The model's accuracy at that point.</param>
public readonly record struct CycleEndPoint(double Epoch, double Accuracy);
