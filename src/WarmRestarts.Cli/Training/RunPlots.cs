using WarmRestarts.Cli.Plotting;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Training;

/// <summary>The PNG plots of a <c>train</c> run, drawn with <see cref="FilePlot"/> (so written atomically): the rate at every step and the accuracy per epoch, restarts marked.</summary>
internal static class RunPlots
{
    /// <summary>The rate curve's file name.</summary>
    public const string RateFile = "rate.png";

    /// <summary>The accuracy curves' file name.</summary>
    public const string AccuracyFile = "accuracy.png";

    /// <summary>Writes both plots into <paramref name="folder"/>.</summary>
    /// <param name="folder">The run's output folder.</param>
    /// <param name="spec">The schedule's spec text (the rate plot's title).</param>
    /// <param name="result">The run.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(string folder, string spec, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stepsPerEpoch = (double)result.StepsPerEpoch;
        var totalSteps = result.Steps.Count;

        // Cycle ends inside the run are restarts; the last one may coincide with the run's end.
        var restartSteps = result.CycleEnds.Select(c => (double)c.Step).Where(s => s < totalSteps).ToArray();
        var rates = result.Steps.Select(s => s.LearningRate).ToArray();
        var rate = Path.Combine(folder, RateFile);
        FilePlot.Save(rate, spec, [rates], 1 / stepsPerEpoch, "epoch", restartSteps, []);

        var epochs = result.Epochs.Select(e => (double)e.Epoch).ToArray();
        var lines = new List<PlotLine>
        {
            new("train accuracy", epochs, [.. result.Epochs.Select(e => e.TrainAccuracy)]),
            new("test accuracy", epochs, [.. result.Epochs.Select(e => e.TestAccuracy)]),
        };
        var withEnsemble = result.CycleEnds.Where(c => !double.IsNaN(c.EnsembleAccuracy)).ToArray();
        if (withEnsemble.Length > 0)
        {
            lines.Add(new("snapshot ensemble at cycle ends", [.. withEnsemble.Select(c => c.Step / stepsPerEpoch)], [.. withEnsemble.Select(c => c.EnsembleAccuracy)], MarkersOnly: true));
        }

        var withSwa = result.CycleEnds.Where(c => !double.IsNaN(c.SwaAccuracy)).ToArray();
        if (withSwa.Length > 0)
        {
            lines.Add(new("SWA at cycle ends", [.. withSwa.Select(c => c.Step / stepsPerEpoch)], [.. withSwa.Select(c => c.SwaAccuracy)], MarkersOnly: true));
        }

        var accuracy = Path.Combine(folder, AccuracyFile);
        FilePlot.SaveLines(accuracy, "accuracy (restarts dashed)", "epoch", "accuracy", lines, [.. restartSteps.Select(s => s / stepsPerEpoch)]);
        return [rate, accuracy];
    }
}
