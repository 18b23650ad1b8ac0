using System.Globalization;
using Spectre.Console;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Experiments;

/// <summary>
/// Shows where a comparison stands: a plain line per run (always: logs, pipes, CI), and, when attached to a Spectre
/// progress display (stdout is a terminal), two bars — the runs overall, and the epochs and batches of the current run.
/// </summary>
internal sealed class CompareProgress(IAnsiConsole console) : IExperimentObserver, ITrainingObserver
{
    private ProgressTask? _runs;
    private ProgressTask? _current;
    private string _name = string.Empty;
    private int _totalEpochs;
    private long _stepsPerEpoch;
    private int _epoch;

    /// <summary>Runs finished or found finished so far.</summary>
    public int Finished { get; private set; }

    public void Attach(ProgressContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _runs = context.AddTask("runs", autoStart: true, maxValue: 1);
        _current = context.AddTask("current run", autoStart: true, maxValue: 1);
    }

    public ITrainingObserver? RunStarting(int index, int total, ExperimentArm arm, long seed, RunStart state)
    {
        ArgumentNullException.ThrowIfNull(arm);
        _name = Invariant($"{arm.Label}, seed {seed}");
        var what = state switch
        {
            RunStart.Skipped => "already finished, reusing it",
            RunStart.Resumed => "resuming from its checkpoint",
            _ => Invariant($"training {arm.Epochs} epochs"),
        };
        console.WriteLine(Invariant($"run {index + 1}/{total}: {_name}: {what}"));
        if (_runs is not null && _current is not null)
        {
            _runs.MaxValue = total;
            _runs.Value = index;
            _runs.Description = Invariant($"run {index + 1}/{total}");
            _current.Value = 0;
            _current.Description = Markup.Escape(_name.Length > 60 ? _name[..57] + "..." : _name);
        }

        return this;
    }

    public void RunFinished(int index, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Finished++;
        var ensemble = ComparisonSummary.EnsembleOf(outcome).Ensemble;
        console.WriteLine(Invariant($"  final test accuracy {ReportText.Percent(outcome.FinalTestAccuracy)}{(double.IsNaN(ensemble) ? string.Empty : ", snapshot ensemble " + ReportText.Percent(ensemble))}"));
        if (_runs is not null)
        {
            _runs.Value = index + 1;
        }
    }

    public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch)
    {
        _totalEpochs = totalEpochs;
        _stepsPerEpoch = stepsPerEpoch;
        _epoch = startEpoch - 1;
        if (_current is not null)
        {
            _current.MaxValue = totalEpochs * stepsPerEpoch;
            _current.Value = (startEpoch - 1) * stepsPerEpoch;
        }
    }

    public void StepCompleted(in StepRecord record)
    {
        if (_current is not null)
        {
            _current.Value = record.Step + 1;
            _current.Description = Markup.Escape(Invariant($"epoch {_epoch + 1}/{_totalEpochs} · batch {(record.Step % _stepsPerEpoch) + 1}/{_stepsPerEpoch} · lr {record.LearningRate:G3}"));
        }
    }

    public void CycleEnded(CycleEndRecord record)
    {
    }

    public void EpochCompleted(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _epoch = record.Epoch;
        if (_current is null)
        {
            // Plain mode (logs, pipes): a line per epoch, as train writes.
            console.WriteLine(Invariant($"  epoch {record.Epoch}/{_totalEpochs}: test accuracy {ReportText.Percent(record.TestAccuracy)}, {record.Seconds:F1} s"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
