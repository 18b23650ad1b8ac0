namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// The anytime rule: the accuracy of the model you would ship if training stopped after each epoch. A run is a
/// restart schedule when its scheduler raised cycle-end events (<see cref="Training.CycleEndRecord"/>); then the
/// shipped model is the one at the last completed cycle end (mid-cycle models are taken at a high rate), and before
/// the first cycle end there is nothing better than the current model. For any other schedule it is the current model.
/// </summary>
public static class Anytime
{
    /// <summary>The anytime curve: one accuracy per epoch.</summary>
    /// <param name="epochAccuracy">The current model's accuracy after epoch 1, 2, … (index 0 is epoch 1).</param>
    /// <param name="cycleEnds">The run's cycle ends in order, at fractional epochs, with the accuracy of the model there; empty for schedules without restarts.</param>
    /// <returns>The shipped model's accuracy after each epoch.</returns>
    public static double[] Curve(IReadOnlyList<double> epochAccuracy, IReadOnlyList<CycleEndPoint> cycleEnds)
    {
        ArgumentNullException.ThrowIfNull(epochAccuracy);
        ArgumentNullException.ThrowIfNull(cycleEnds);
        var curve = new double[epochAccuracy.Count];
        var next = 0;
        double? shipped = null;
        for (var i = 0; i < curve.Length; i++)
        {
            var epoch = i + 1;
            while (next < cycleEnds.Count && cycleEnds[next].Epoch <= epoch + 1e-9)
            {
                shipped = cycleEnds[next].Accuracy;
                next++;
            }

            curve[i] = shipped ?? epochAccuracy[i];
        }

        return curve;
    }
}
