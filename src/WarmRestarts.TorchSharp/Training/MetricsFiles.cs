using System.Globalization;
using System.Text;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>Writes the run's metrics as CSV files, each atomically (temporary file, then rename).</summary>
public static class MetricsFiles
{
    /// <summary>Per-epoch metrics file name.</summary>
    public const string EpochsFile = "epochs.csv";

    /// <summary>Per-step metrics file name.</summary>
    public const string StepsFile = "steps.csv";

    /// <summary>Cycle-end metrics file name.</summary>
    public const string CycleEndsFile = "cycle-ends.csv";

    /// <summary>Writes the three CSV files into <paramref name="directory"/>.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="epochs">Per-epoch metrics.</param>
    /// <param name="cycleEnds">Cycle-end metrics.</param>
    /// <param name="steps">Per-step metrics.</param>
    public static void Write(string directory, IReadOnlyList<EpochRecord> epochs, IReadOnlyList<CycleEndRecord> cycleEnds, IReadOnlyList<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(cycleEnds);
        ArgumentNullException.ThrowIfNull(steps);
        var text = new StringBuilder("epoch,train_loss,train_accuracy,test_loss,test_accuracy,cycle,lr,seconds,cpu_seconds\n");
        foreach (var e in epochs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainLoss:R},{e.TrainAccuracy:R},{e.TestLoss:R},{e.TestAccuracy:R},{e.Cycle},{e.LearningRate:R},{e.Seconds:R},{e.CpuSeconds:R}\n");
        }

        AtomicFile.WriteAllText(Path.Combine(directory, EpochsFile), text.ToString());
        text.Clear().Append("cycle,step,progress,test_accuracy,ensemble_accuracy,swa_accuracy\n");
        foreach (var c in cycleEnds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Cycle},{c.Step},{c.Progress:R},{c.TestAccuracy:R},{c.EnsembleAccuracy:R},{c.SwaAccuracy:R}\n");
        }

        AtomicFile.WriteAllText(Path.Combine(directory, CycleEndsFile), text.ToString());
        text.Clear().Append("step,progress,lr,loss\n");
        foreach (var s in steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Step},{s.Progress:R},{s.LearningRate:R},{s.Loss:R}\n");
        }

        AtomicFile.WriteAllText(Path.Combine(directory, StepsFile), text.ToString());
    }
}
