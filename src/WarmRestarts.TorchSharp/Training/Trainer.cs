using System.Diagnostics;
using System.Globalization;
using WarmRestarts.Scheduling;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>
/// Trains a network on an image set with a learning-rate schedule: before every batch the scheduler's rate (at the
/// fractional epoch, or the step) is in the optimizer; after it the scheduler advances. At every cycle end a snapshot
/// is taken (Huang et al., "Snapshot Ensembles", arXiv 1704.00109) and, optionally, averaged into SWA weights
/// (Izmailov et al., arXiv 1803.05407). Each epoch ends with an evaluation and, with an output folder, metrics files
/// and an atomic checkpoint from which <see cref="Run"/> resumes bit for bit (same threads, CPU).
/// </summary>
/// <remarks>
/// Deterministic for a seed: the initial weights come from torch's generator seeded with the seed, the order of
/// epoch <c>e</c> from a generator seeded with <c>(seed, e)</c>, and nothing else draws random numbers (the networks
/// have no dropout), so a resumed run needs no generator state.
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;
    private readonly ITrainingObserver? _observer;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly nn.Module<Tensor, Tensor> _evaluationModel;
    private readonly global::TorchSharp.Modules.Parameter[] _parameters;
    private readonly long _stepsPerEpoch;
    private readonly TrainingClock _clock;
    private readonly IReadOnlyList<Schedule> _schedules;
    private readonly Schedule? _momentum;
    private readonly Dictionary<string, string> _settings;
    private readonly List<Tensor[]> _snapshots = [];
    private readonly List<EpochRecord> _epochs = [];
    private readonly List<CycleEndRecord> _cycleEnds = [];
    private readonly List<StepRecord> _steps = [];
    private optim.Optimizer _optimizer;
    private GroupScheduler _scheduler;
    private Tensor[]? _swa;
    private long _swaCount;
    private CycleEventArgs? _pendingCycleEnd;
    private int _completedEpochs;
    private int _resumedFrom;

    /// <summary>Prepares a run: checks the options and data, builds the network (seeded), the optimizer and the scheduler.</summary>
    /// <param name="options">What to train and how.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="observer">Receives progress; optional.</param>
    /// <exception cref="TrainingException">The options, data or schedule do not fit (one-line message).</exception>
    public Trainer(TrainerOptions options, ImageDataset train, ImageDataset test, ITrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (options.Problem() is { } problem)
        {
            throw new TrainingException(problem);
        }

        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new TrainingException($"the training images are {train.Rows} x {train.Columns} but the test images are {test.Rows} x {test.Columns}; use a training and a test set of the same kind");
        }

        _options = options;
        _train = train;
        _test = test;
        _observer = observer;
        torch.set_num_threads(options.Threads);
        _stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var unit = options.ScheduleUnit ?? options.Schedule.Unit ?? ProgressUnit.Epochs;
        _clock = unit == ProgressUnit.Epochs ? TrainingClock.Epochs(_stepsPerEpoch) : TrainingClock.Steps;
        // The scheduler advances after every batch, so the run ends at progress Epochs (epochs) or Epochs * batches (steps):
        // a spec that can be evaluated at t = 0 .. limit - 1 can be stepped limit - 1 times.
        var totalSteps = _stepsPerEpoch * options.Epochs;
        var finalProgress = unit == ProgressUnit.Epochs ? options.Epochs : totalSteps;
        if (options.Schedule.StepLimit is { } limit && finalProgress > limit - 1)
        {
            var needed = unit == ProgressUnit.Epochs ? $"{options.Epochs} epochs take {finalProgress} scheduler steps" : $"{options.Epochs} epochs of {_stepsPerEpoch} batches take {totalSteps} steps";
            throw new TrainingException($"{options.Schedule.Spec} can be stepped {limit - 1} times, but {needed}; lengthen the schedule (OneCycleLR: total_steps={finalProgress}) or train fewer epochs");
        }

        try
        {
            _schedules = options.Schedule.RatesFor([options.LearningRate]);
            _momentum = options.Schedule.MomentumFor(0, options.LearningRate);
        }
        catch (SpecException error)
        {
            throw new TrainingException(error.Message, error);
        }

        var classes = Math.Max(train.Classes, test.Classes);
        torch.random.manual_seed(options.Seed);
        _model = Models.Create(options.Model, train.Rows, train.Columns, classes);
        _evaluationModel = Models.Create(options.Model, train.Rows, train.Columns, classes);
        _parameters = [.. _model.parameters()];
        _optimizer = CreateOptimizer();
        _scheduler = CreateScheduler();
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schedule"] = options.Schedule.Spec,
            ["schedule unit"] = unit.ToString(),
            ["training data"] = $"{train.Name} ({train.Count} images, sha256 {train.Fingerprint})",
            ["test data"] = $"{test.Name} ({test.Count} images, sha256 {test.Fingerprint})",
            ["model"] = options.Model.ToString(),
            ["optimizer"] = FormattableString.Invariant($"{options.Optimizer} lr={options.LearningRate:R} momentum={options.Momentum:R} nesterov={options.Nesterov} weight_decay={options.WeightDecay:R}"),
            ["batch size"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["threads"] = options.Threads.ToString(CultureInfo.InvariantCulture),
            ["snapshots"] = FormattableString.Invariant($"{options.Snapshots} swa={options.Swa} reset_optimizer={options.ResetOptimizerAtRestart}"),
        };
    }

    /// <summary>Batches per epoch.</summary>
    public long StepsPerEpoch => _stepsPerEpoch;

    /// <summary>The clock that turns steps into schedule progress.</summary>
    public TrainingClock Clock => _clock;

    /// <summary>The network being trained.</summary>
    public nn.Module<Tensor, Tensor> Model => _model;

    /// <summary>The settings a checkpoint must match to be resumed by this trainer.</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>
    /// Trains to the last epoch. With <paramref name="resumeFrom"/>, first loads that folder's checkpoint (refused
    /// when it was written with other settings) and continues after its last completed epoch.
    /// </summary>
    /// <param name="resumeFrom">A folder with a checkpoint, or <see langword="null"/> to start fresh.</param>
    /// <param name="cancellation">Stops between batches; the last checkpoint stays.</param>
    /// <returns>The run's metrics.</returns>
    /// <exception cref="TrainingException">The checkpoint does not match or is corrupt, the output folder is not writable, or the loss diverged.</exception>
    public TrainingResult Run(string? resumeFrom = null, CancellationToken cancellation = default)
    {
        if (_options.OutputDirectory is { } output)
        {
            EnsureWritable(output);
            CheckpointFile.RemoveStaleTemporaries(output);
        }

        if (resumeFrom is not null)
        {
            Resume(resumeFrom);
        }

        var board = _options.TensorBoard && _options.OutputDirectory is { } dir
            ? torch.utils.tensorboard.SummaryWriter(Path.Combine(dir, "tensorboard"))
            : null;
        _observer?.Started(_options.Epochs, _stepsPerEpoch, _completedEpochs + 1);
        for (var epoch = _completedEpochs + 1; epoch <= _options.Epochs; epoch++)
        {
            RunEpoch(epoch, board, cancellation);
        }

        var final = Evaluate(_model).Accuracy;
        var ensemble = _snapshots.Count >= 2 ? EvaluateEnsemble() : double.NaN;
        var swa = _swa is not null ? EvaluateWeights(_swa) : double.NaN;
        return new TrainingResult([.. _epochs], [.. _cycleEnds], [.. _steps], final, ensemble, swa, _stepsPerEpoch, _resumedFrom);
    }

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint to resume from (intact or not; <see cref="Run"/> checks it).</summary>
    /// <param name="directory">An output folder.</param>
    /// <returns>True when a checkpoint file is there.</returns>
    public static bool HasCheckpoint(string directory) => CheckpointFile.Exists(directory);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _evaluationModel.Dispose();
        foreach (var snapshot in _snapshots)
        {
            Dispose(snapshot);
        }

        if (_swa is not null)
        {
            Dispose(_swa);
        }
    }

    private void RunEpoch(int epoch, global::TorchSharp.Modules.SummaryWriter? board, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        _model.train();
        double lossSum = 0;
        long correct = 0;
        using var generator = new Generator(unchecked((ulong)((_options.Seed * 1_000_003) + epoch)));
        using var order = torch.randperm(_train.Count, generator: generator);
        for (long batch = 0; batch < _stepsPerEpoch; batch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var start = batch * _options.BatchSize;
            var length = Math.Min(_options.BatchSize, _train.Count - start);
            var rate = _scheduler.Rates[0];
            var progress = _scheduler.Progress;
            float loss;
            using (var scope = torch.NewDisposeScope())
            {
                var index = order.narrow(0, start, length);
                var images = _train.Images.index_select(0, index);
                var labels = _train.Labels.index_select(0, index);
                _optimizer.zero_grad();
                var logits = _model.call(images);
                var lossTensor = nn.functional.cross_entropy(logits, labels);
                lossTensor.backward();
                _optimizer.step();
                loss = lossTensor.item<float>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            }

            if (!float.IsFinite(loss))
            {
                throw Diverged(string.Create(CultureInfo.InvariantCulture, $"the training loss became {loss} at epoch {epoch}, batch {batch + 1} (rate {rate:R})"));
            }

            lossSum += loss * length;
            var record = new StepRecord(_scheduler.Step, progress, rate, loss);
            _steps.Add(record);
            board?.add_scalar("train/lr", (float)rate, (int)Math.Min(record.Step, int.MaxValue));
            board?.add_scalar("train/loss", loss, (int)Math.Min(record.Step, int.MaxValue));
            _observer?.StepCompleted(record);
            _scheduler.Advance();
            if (_pendingCycleEnd is { } ended)
            {
                _pendingCycleEnd = null;
                OnCycleEnd(ended);
            }
        }

        var (testLoss, testAccuracy) = Evaluate(_model);
        if (!double.IsFinite(testLoss) || !WeightsAreFinite())
        {
            // The last step left weights that no longer compute (the loss was still finite): never checkpoint them.
            throw Diverged(string.Create(CultureInfo.InvariantCulture, $"the weights became NaN or infinite at the end of epoch {epoch} (test loss {testLoss}, last rate {_steps[^1].LearningRate:R})"));
        }

        if (_options.Schedule.Plateau is not null)
        {
            _scheduler.ReportMetric(testLoss);
        }

        var cycle = _scheduler.Step > 0 && _schedules[0].TryGetCycle(_clock.ProgressAt(_scheduler.Step - 1), out var info) ? info.Index : -1;
        var record2 = new EpochRecord(
            epoch,
            lossSum / _train.Count,
            (double)correct / _train.Count,
            testLoss,
            testAccuracy,
            cycle,
            _steps[^1].LearningRate,
            watch.Elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
        _epochs.Add(record2);
        _completedEpochs = epoch;
        board?.add_scalar("test/accuracy", (float)testAccuracy, epoch);
        board?.add_scalar("test/loss", (float)testLoss, epoch);
        if (_options.OutputDirectory is { } output)
        {
            try
            {
                MetricsFiles.Write(output, _epochs, _cycleEnds, _steps);
            }
            catch (Exception error) when (IsFileSystemFull(error))
            {
                throw new TrainingException($"cannot write the metrics in {output} ({error.Message.ReplaceLineEndings(" ")}); the previous checkpoint is kept — free disk space or choose another --out, then resume", error);
            }

            WriteCheckpoint(output);
        }

        _observer?.EpochCompleted(record2);
    }

    private void OnCycleEnd(CycleEventArgs ended)
    {
        var snapshot = Clone(_parameters);
        if (_options.Swa)
        {
            if (_swa is null)
            {
                _swa = Clone(_parameters);
            }
            else
            {
                using var noGrad = torch.no_grad();
                for (var i = 0; i < _swa.Length; i++)
                {
                    // Running mean: swa += (w - swa) / (n + 1).
                    _swa[i].add_(snapshot[i].sub(_swa[i]).div_(_swaCount + 1));
                }
            }

            _swaCount++;
        }

        var accuracy = Evaluate(_model).Accuracy;
        if (_options.Snapshots > 0)
        {
            _snapshots.Add(snapshot);
            while (_snapshots.Count > _options.Snapshots)
            {
                Dispose(_snapshots[0]);
                _snapshots.RemoveAt(0);
            }
        }
        else
        {
            Dispose(snapshot);
        }

        var ensemble = _snapshots.Count >= 2 ? EvaluateEnsemble() : double.NaN;
        var swa = _swa is not null ? EvaluateWeights(_swa) : double.NaN;
        var record = new CycleEndRecord(ended.CycleIndex, ended.Step, ended.Progress, accuracy, ensemble, swa);
        _cycleEnds.Add(record);
        _observer?.CycleEnded(record);
        if (_options.ResetOptimizerAtRestart)
        {
            ResetOptimizer();
        }
    }

    private void ResetOptimizer()
    {
        var state = _scheduler.SaveState();
        _optimizer.Dispose();
        _optimizer = CreateOptimizer();
        _scheduler = CreateScheduler();
        _scheduler.LoadState(state);
    }

    private optim.Optimizer CreateOptimizer() => Optimizers.Create(_options, _parameters);

    private GroupScheduler CreateScheduler()
    {
        var groups = new TorchSharpParameterGroups(_optimizer);
        GroupScheduler scheduler;
        try
        {
            scheduler = new GroupScheduler(groups, _schedules, _clock, new GroupSchedulerOptions { Momentum = _momentum, Plateau = _options.Schedule.Plateau });
        }
        catch (ScheduleArgumentException error)
        {
            throw new TrainingException($"{_options.Schedule.Spec}: {error.Message}", error);
        }

        scheduler.CycleEnded += (_, e) => _pendingCycleEnd ??= e;
        return scheduler;
    }

    private void WriteCheckpoint(string directory)
    {
        var state = new CheckpointState
        {
            Settings = _settings,
            CompletedEpochs = _completedEpochs,
            Step = _scheduler.Step,
            SchedulerState = _scheduler.SaveState(),
            Epochs = _epochs,
            CycleEnds = _cycleEnds,
            Steps = _steps,
            SnapshotCount = _snapshots.Count,
            SwaCount = _swaCount,
        };
        try
        {
            CheckpointFile.Write(directory, state, _parameters, _optimizer, _snapshots, _swa);
        }
        catch (Exception error) when (IsFileSystemFull(error))
        {
            throw new TrainingException($"cannot write the checkpoint in {directory} ({error.Message.ReplaceLineEndings(" ")}); the previous checkpoint is kept — free disk space or choose another --out, then resume", error);
        }
    }

    private void Resume(string directory)
    {
        var loaded = CheckpointFile.Read(directory);
        foreach (var (name, value) in _settings)
        {
            if (!loaded.State.Settings.TryGetValue(name, out var saved) || saved != value)
            {
                throw new TrainingException($"the checkpoint in {directory} was written with {name} {saved ?? "(none)"}, but this run has {value}; resume with the same settings, or start a new run in another folder");
            }
        }

        if (loaded.Parameters.Length != _parameters.Length || loaded.Parameters.Zip(_parameters).Any(p => p.First.Length != p.Second.numel()))
        {
            throw CheckpointFile.Corrupt(loaded.Path, "its weights do not fit the model");
        }

        using (torch.no_grad())
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                using var values = torch.tensor(loaded.Parameters[i], _parameters[i].shape);
                _parameters[i].copy_(values);
            }
        }

        var (snapshots, swa) = loaded.LoadOptimizerAndRest(_optimizer);
        foreach (var snapshot in snapshots)
        {
            _snapshots.Add([.. snapshot.Select((values, i) => torch.tensor(values, _parameters[i].shape))]);
        }

        _swa = swa?.Select((values, i) => torch.tensor(values, _parameters[i].shape)).ToArray();
        _swaCount = loaded.State.SwaCount;
        try
        {
            _scheduler.LoadState(loaded.State.SchedulerState);
        }
        catch (SchedulerStateException error)
        {
            throw new TrainingException($"checkpoint {loaded.Path}: {error.Message}", error);
        }

        _epochs.AddRange(loaded.State.Epochs);
        _cycleEnds.AddRange(loaded.State.CycleEnds);
        _steps.AddRange(loaded.State.Steps);
        _completedEpochs = loaded.State.CompletedEpochs;
        _resumedFrom = _completedEpochs;
    }

    private (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model) => ModelEvaluation.Evaluate(model, _test);

    private double EvaluateWeights(Tensor[] weights)
    {
        Load(_evaluationModel, weights);
        return Evaluate(_evaluationModel).Accuracy;
    }

    /// <summary>Accuracy of the snapshot ensemble: the kept snapshots' softmax outputs averaged.</summary>
    private double EvaluateEnsemble()
    {
        long correct = 0;
        _evaluationModel.eval();
        using (torch.no_grad())
        {
            for (long start = 0; start < _test.Count; start += 1000)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(1000, _test.Count - start);
                var images = _test.Images.narrow(0, start, length);
                Tensor? sum = null;
                foreach (var snapshot in _snapshots)
                {
                    Load(_evaluationModel, snapshot);
                    var probabilities = nn.functional.softmax(_evaluationModel.call(images), 1);
                    sum = sum is null ? probabilities : sum.add_(probabilities);
                }

                correct += sum!.argmax(1).eq(_test.Labels.narrow(0, start, length)).sum().item<long>();
            }
        }

        return (double)correct / _test.Count;
    }

    private static void Load(nn.Module<Tensor, Tensor> model, Tensor[] weights)
    {
        using var noGrad = torch.no_grad();
        var parameters = model.parameters().ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].copy_(weights[i]);
        }
    }

    private static Tensor[] Clone(IReadOnlyList<Tensor> tensors)
    {
        using var noGrad = torch.no_grad();
        return [.. tensors.Select(t => t.detach().clone())];
    }

    private static void Dispose(Tensor[] tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }

    /// <summary>The divergence error: what happened, that the last good checkpoint stays, and what to try.</summary>
    private TrainingException Diverged(string what)
    {
        var kept = _options.OutputDirectory is { } output && _completedEpochs > 0
            ? $"stopped; the last good checkpoint (after epoch {_completedEpochs}) is kept in {output}"
            : "stopped before any checkpoint was written";
        var lower = _options.Schedule.UsesBaseRates
            ? string.Create(CultureInfo.InvariantCulture, $"lower the peak rate (try --lr {_options.LearningRate / 10:R})")
            : "lower the peak rate in the schedule (e.g. a tenth)";
        return new TrainingException($"{what}: the run diverged; {kept} — {lower} or find a working range with find-lr");
    }

    /// <summary>A write failed for lack of room or rights: ENOSPC and others are IOExceptions; .NET reports EFBIG (a file-size limit) as ArgumentOutOfRangeException.</summary>
    private static bool IsFileSystemFull(Exception error) =>
        error is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException { ParamName: "value" };

    private bool WeightsAreFinite()
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in _parameters)
        {
            using var finite = parameter.isfinite().all();
            if (!finite.item<bool>())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fails before training when the folder cannot be created or a 64 KiB file cannot be written and flushed to disk
    /// in it (a read-only or missing location, a full disk, a file-size limit); the probe file never stays behind.
    /// </summary>
    private static void EnsureWritable(string directory)
    {
        var probe = Path.Combine(directory, $".write-probe.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(new byte[64 * 1024]);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception error) when (IsFileSystemFull(error) || error is NotSupportedException)
        {
            throw new TrainingException($"the output folder {directory} is not writable ({error.Message.ReplaceLineEndings(" ")}); choose another --out or free disk space", error);
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Nothing was created, or the folder is not ours to clean.
            }
        }
    }
}
