using System.Globalization;
using Spectre.Console;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Training;

/// <summary>The results of a <c>train</c> run as tables: test accuracy at each cycle end (with the snapshot ensemble and SWA), then the final model, the ensemble, SWA and the time per epoch.</summary>
internal static class RunReport
{
    /// <summary>Writes the tables and the output folder.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="result">The run.</param>
    /// <param name="options">What it ran with.</param>
    /// <param name="folder">The output folder.</param>
    public static void Write(IAnsiConsole console, TrainingResult result, TrainerOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var stepsPerEpoch = (double)result.StepsPerEpoch;
        if (result.CycleEnds.Count > 0)
        {
            var cycles = new Table().Border(TableBorder.Simple).Title("cycle ends");
            cycles.AddColumn(new TableColumn("cycle").RightAligned());
            cycles.AddColumn(new TableColumn("epoch").RightAligned());
            cycles.AddColumn(new TableColumn("test accuracy").RightAligned());
            if (options.Snapshots > 0)
            {
                cycles.AddColumn(new TableColumn($"snapshot ensemble (last {options.Snapshots})").RightAligned());
            }

            if (options.Swa)
            {
                cycles.AddColumn(new TableColumn("SWA").RightAligned());
            }

            foreach (var end in result.CycleEnds)
            {
                var cells = new List<string>
                {
                    end.Cycle.ToString(CultureInfo.InvariantCulture),
                    (end.Step / stepsPerEpoch).ToString("0.###", CultureInfo.InvariantCulture),
                    TrainProgress.Percent(end.TestAccuracy),
                };
                if (options.Snapshots > 0)
                {
                    cells.Add(TrainProgress.Percent(end.EnsembleAccuracy));
                }

                if (options.Swa)
                {
                    cells.Add(TrainProgress.Percent(end.SwaAccuracy));
                }

                cycles.AddRow([.. cells]);
            }

            console.Write(cycles);
        }
        else
        {
            console.WriteLine("no cycle ended within the run: no snapshots were taken");
        }

        var summary = new Table().Border(TableBorder.Simple).Title("result");
        summary.AddColumn("model");
        summary.AddColumn(new TableColumn("test accuracy").RightAligned());
        summary.AddRow("final weights", TrainProgress.Percent(result.FinalTestAccuracy));
        var kept = Math.Min(options.Snapshots, result.CycleEnds.Count);
        summary.AddRow(
            options.Snapshots == 0 ? "snapshot ensemble (off: --snapshots 0)" : kept < 2 ? "snapshot ensemble (needs 2 cycle ends)" : Invariant($"snapshot ensemble (last {kept} cycle ends)"),
            TrainProgress.Percent(result.EnsembleAccuracy));
        if (options.Swa)
        {
            summary.AddRow(Invariant($"SWA ({result.CycleEnds.Count} cycle ends averaged)"), TrainProgress.Percent(result.SwaAccuracy));
        }

        console.Write(summary);
        var seconds = result.Epochs.Select(e => e.Seconds).ToArray();
        if (seconds.Length > 0)
        {
            console.WriteLine(Invariant($"time per epoch: {seconds.Average():F2} s (min {seconds.Min():F2}, max {seconds.Max():F2}); {seconds.Length} epochs, {seconds.Sum():F1} s"));
        }

        console.WriteLine($"output: {folder}");
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
