using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// Watches a <see cref="Trainer"/> for a comparison: measures the validation accuracy after every epoch and at every
/// cycle end, and keeps the weights after chosen epochs for a fixed-epoch snapshot ensemble; forwards everything to
/// an inner observer (progress bars). It only reads the model and draws no random numbers, so the run is unchanged.
/// </summary>
internal sealed class ExperimentProbe : ITrainingObserver, IDisposable
{
    private readonly ImageDataset? _validation;
    private readonly HashSet<int> _snapshotEpochs;
    private readonly Func<nn.Module<Tensor, Tensor>> _architecture;
    private readonly List<Tensor[]> _snapshots = [];
    private Trainer? _trainer;

    public ExperimentProbe(ImageDataset? validation, IEnumerable<int> snapshotEpochs, Func<nn.Module<Tensor, Tensor>> architecture, ITrainingObserver? inner)
    {
        _architecture = architecture;
        _validation = validation;
        _snapshotEpochs = [.. snapshotEpochs];
        Inner = inner;
    }

    /// <summary>The observer everything is forwarded to.</summary>
    public ITrainingObserver? Inner { get; set; }

    /// <summary>Validation accuracy after each epoch, by epoch.</summary>
    public Dictionary<int, double> EpochValidation { get; } = [];

    /// <summary>Validation accuracy at each cycle end, by cycle.</summary>
    public Dictionary<long, double> CycleValidation { get; } = [];

    /// <summary>The epochs whose weights were kept, in order.</summary>
    public List<int> SnapshotEpochsTaken { get; } = [];

    /// <summary>Whether the probe measures anything the trainer's checkpoint does not keep (then a partial run cannot be resumed with it).</summary>
    public bool HasState => _validation is not null || _snapshotEpochs.Count > 0;

    public void Attach(Trainer trainer) => _trainer = trainer;

    public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch) => Inner?.Started(totalEpochs, stepsPerEpoch, startEpoch);

    public void StepCompleted(in StepRecord record) => Inner?.StepCompleted(record);

    public void CycleEnded(CycleEndRecord record)
    {
        if (_validation is not null && _trainer is not null)
        {
            CycleValidation[record.Cycle] = Evaluation.Accuracy(_trainer.Model, _validation);
        }

        Inner?.CycleEnded(record);
    }

    public void EpochCompleted(EpochRecord record)
    {
        if (_trainer is not null)
        {
            if (_validation is not null)
            {
                EpochValidation[record.Epoch] = Evaluation.Accuracy(_trainer.Model, _validation);
            }

            if (_snapshotEpochs.Contains(record.Epoch))
            {
                using var noGrad = torch.no_grad();
                _snapshots.Add([.. _trainer.Model.parameters().Select(p => p.detach().clone())]);
                SnapshotEpochsTaken.Add(record.Epoch);
            }
        }

        Inner?.EpochCompleted(record);
    }

    /// <summary>The fixed-epoch ensemble's accuracy on <paramref name="data"/> (NaN with no snapshots or no data).</summary>
    public double SnapshotEnsembleAccuracy(ImageDataset? data)
    {
        if (data is null || _snapshots.Count == 0 || _trainer is null)
        {
            return double.NaN;
        }

        // A scratch network of the same architecture (built after training, so its random init disturbs nothing).
        using var scratch = _architecture();
        return Evaluation.EnsembleAccuracy(scratch, _snapshots, data);
    }

    public void Dispose()
    {
        foreach (var snapshot in _snapshots)
        {
            foreach (var tensor in snapshot)
            {
                tensor.Dispose();
            }
        }
    }
}
