using System.Globalization;
using Spectre.Console;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Training;

/// <summary>
/// Shows a run's progress: one plain line per epoch and per cycle end (always: logs, pipes, CI), and, when attached to
/// a Spectre progress display (stdout is a terminal), two bars — epochs, and the batches of the epoch with the rate,
/// the batch loss and the cycle. <paramref name="started"/> runs when training starts (after a resumed checkpoint was accepted).
/// </summary>
internal sealed class TrainProgress(IAnsiConsole console, Schedule rate, Action? started = null) : ITrainingObserver
{
    private ProgressTask? _epochs;
    private ProgressTask? _batches;
    private int _totalEpochs;
    private long _stepsPerEpoch;
    private EpochRecord? _lastEpoch;

    /// <summary>The unit of the schedule progress shown for cycle ends.</summary>
    public string Unit { get; init; } = "epoch";

    /// <summary>The last completed epoch (0 before the first).</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Shows bars in the given live progress display from now on.</summary>
    /// <param name="context">The display's context.</param>
    public void Attach(ProgressContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _epochs = context.AddTask("epochs", autoStart: true, maxValue: 1);
        _batches = context.AddTask("batches", autoStart: true, maxValue: 1);
    }

    public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch)
    {
        started?.Invoke();
        _totalEpochs = totalEpochs;
        _stepsPerEpoch = stepsPerEpoch;
        CompletedEpochs = startEpoch - 1;
        console.WriteLine(startEpoch > 1
            ? Invariant($"resuming after epoch {startEpoch - 1} of {totalEpochs} ({stepsPerEpoch} batches per epoch)")
            : Invariant($"training {totalEpochs} epochs of {stepsPerEpoch} batches (each epoch: rate | train loss, accuracy | test loss, accuracy | time)"));
        if (_epochs is not null && _batches is not null)
        {
            _epochs.MaxValue = totalEpochs;
            _epochs.Value = startEpoch - 1;
            _epochs.Description = Invariant($"epoch {startEpoch}/{totalEpochs}");
            _batches.MaxValue = stepsPerEpoch;
            _batches.Value = 0;
        }
    }

    public void StepCompleted(in StepRecord record)
    {
        if (_batches is null)
        {
            return;
        }

        var batch = (record.Step % _stepsPerEpoch) + 1;
        _batches.Value = batch;
        var cycle = rate.TryGetCycle(record.Progress, out var info) ? Invariant($" · cycle {info.Index}") : string.Empty;
        _batches.Description = Invariant($"batch {batch}/{_stepsPerEpoch} · lr {record.LearningRate:G4} · loss {record.Loss:F4}{cycle}");
    }

    public void CycleEnded(CycleEndRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Invariant($"cycle {record.Cycle} ended at {Unit} {record.Progress:0.###}: test accuracy {Percent(record.TestAccuracy)}");
        if (!double.IsNaN(record.EnsembleAccuracy))
        {
            line += $", snapshot ensemble {Percent(record.EnsembleAccuracy)}";
        }

        if (!double.IsNaN(record.SwaAccuracy))
        {
            line += $", SWA {Percent(record.SwaAccuracy)}";
        }

        console.WriteLine(line);
    }

    public void EpochCompleted(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CompletedEpochs = record.Epoch;
        _lastEpoch = record;
        var cycle = record.Cycle >= 0 ? Invariant($" cycle {record.Cycle}") : string.Empty;
        var width = _totalEpochs.ToString(CultureInfo.InvariantCulture).Length;
        console.WriteLine(Invariant(
            $"epoch {record.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{_totalEpochs}{cycle} lr {record.LearningRate:G4} | train {record.TrainLoss:F4} {Percent(record.TrainAccuracy)} | test {record.TestLoss:F4} {Percent(record.TestAccuracy)} | {record.Seconds:F1} s"));
        if (_epochs is not null && _batches is not null)
        {
            _epochs.Value = record.Epoch;
            _epochs.Description = record.Epoch < _totalEpochs
                ? Invariant($"epoch {record.Epoch + 1}/{_totalEpochs} · last test acc {Percent(_lastEpoch.TestAccuracy)}")
                : Invariant($"done · test acc {Percent(_lastEpoch.TestAccuracy)}");
            _batches.Value = record.Epoch < _totalEpochs ? 0 : _batches.MaxValue;
        }
    }

    /// <summary>A fraction as a percentage with two decimals, e.g. 87.45%.</summary>
    /// <param name="fraction">The fraction, in [0, 1].</param>
    /// <returns>The text; "-" for NaN.</returns>
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "-" : Invariant($"{fraction * 100:F2}%");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
