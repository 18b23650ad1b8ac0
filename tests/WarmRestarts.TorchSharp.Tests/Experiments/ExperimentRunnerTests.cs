using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Tests.Training;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.TorchSharp.Tests.Experiments;

/// <summary>Comparisons on a tiny slice of the embedded subset: pairing, stored outcomes, skipping and resuming.</summary>
[Collection(TorchSerial.Name)]
public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("experiment-tests-").FullName;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;
    private readonly ImageDataset _validation;

    public ExperimentRunnerTests()
    {
        Torch.Init(seed: 0);
        var data = Path.Combine(TrainerTests.RepositoryRoot(), "data", "fashion-mnist-subset");
        using var fullTrain = ImageDataset.LoadFolder(data, "train");
        using var fullTest = ImageDataset.LoadFolder(data, "t10k");
        _train = fullTrain.Select([.. Enumerable.Range(0, 320).Select(i => (long)(i * 29))], "train[320]");
        _validation = fullTrain.Select([.. Enumerable.Range(0, 100).Select(i => (long)((i * 29) + 7))], "validation[100]");
        _test = fullTest.Select([.. Enumerable.Range(0, 200).Select(i => (long)(i * 10))], "test[200]");
    }

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        _validation.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static readonly TrainerOptions Template = new() { BatchSize = 64, LearningRate = 0.05, Snapshots = 2 };

    private static readonly ExperimentArm[] Arms =
    [
        new("constant", "torch.ConstantLR(factor=1.0, total_iters=0)", 3),
        new("sgdr", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=2)", 3),
    ];

    [Fact]
    public void Schedules_are_paired_same_initial_weights_and_data_order_for_a_seed()
    {
        // Two schedules that agree in epoch 1 and differ from epoch 2: after epoch 1 the weights are equal bit for
        // bit (same initialisation and same batches); a different seed gives different weights.
        float[][] AfterOneEpoch(string spec, long seed)
        {
            var options = Template with { Schedule = ScheduleSpec.Parse(spec), Epochs = 1, Seed = seed };
            using var trainer = new Trainer(options, _train, _test);
            trainer.Run();
            return [.. trainer.Model.parameters().Select(p => p.data<float>().ToArray())];
        }

        var constant = AfterOneEpoch("torch.ConstantLR(factor=1.0, total_iters=0)", 4);
        var step = AfterOneEpoch("torch.MultiStepLR(milestones=[1], gamma=0.1)", 4);
        Assert.Equal(constant, step);
        Assert.NotEqual(constant, AfterOneEpoch("torch.ConstantLR(factor=1.0, total_iters=0)", 5));
    }

    [Fact]
    public void A_comparison_stores_each_run_and_a_second_call_reuses_them()
    {
        var output = Path.Combine(_folder, "compare");
        var runner = new ExperimentRunner(Template, Arms, [1, 2], output);
        var progress = new Recorder();
        var outcomes = runner.Run(_train, _test, observer: progress);

        Assert.Equal(["constant", "sgdr"], outcomes.Select(o => o[0].Label));
        Assert.Equal([1L, 2L], outcomes[0].Select(o => o.Seed));
        Assert.Equal(["Fresh 0 constant 1", "Fresh 1 sgdr 1", "Fresh 2 constant 2", "Fresh 3 sgdr 2"], progress.Starts); // seed by seed
        Assert.False(outcomes[0][0].HasRestarts);
        Assert.True(outcomes[1][0].HasRestarts);
        Assert.Equal([1.0, 3.0], outcomes[1][0].CycleEnds.Select(c => c.Epoch));
        Assert.Equal(outcomes[1][0].CycleEnds[^1].EnsembleTestAccuracy, outcomes[1][0].EnsembleTestAccuracy);
        Assert.True(File.Exists(Path.Combine(runner.RunDirectory(1, 2), ExperimentRunner.OutcomeFile)));

        var again = new Recorder();
        var reused = new ExperimentRunner(Template, Arms, [1, 2], output).Run(_train, _test, observer: again);
        Assert.All(again.Starts, s => Assert.StartsWith("Skipped", s, StringComparison.Ordinal));
        Assert.Equal(outcomes[1][1].FinalTestAccuracy, reused[1][1].FinalTestAccuracy);
        Assert.Equal(outcomes[1][1].Epochs, reused[1][1].Epochs);

        // Other settings in the same folder are refused instead of mixed in.
        var error = Assert.Throws<TrainingException>(() => new ExperimentRunner(Template with { LearningRate = 0.01 }, Arms, [1, 2], output).Run(_train, _test));
        Assert.Contains("another --out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_one()
    {
        var arms = new[] { Arms[1] };
        var uninterrupted = new ExperimentRunner(Template, arms, [3], Path.Combine(_folder, "whole")).Run(_train, _test)[0][0];

        // Cancel in the middle of epoch 2: epoch 1's checkpoint stays, no outcome is written.
        var output = Path.Combine(_folder, "interrupted");
        using var cancel = new CancellationTokenSource();
        var stopper = new Recorder { CancelAtStep = 7, Cancel = cancel };
        Assert.ThrowsAny<OperationCanceledException>(() => new ExperimentRunner(Template, arms, [3], output).Run(_train, _test, observer: stopper, cancellation: cancel.Token));
        var runner = new ExperimentRunner(Template, arms, [3], output);
        Assert.False(File.Exists(Path.Combine(runner.RunDirectory(0, 3), ExperimentRunner.OutcomeFile)));

        var progress = new Recorder();
        var resumed = runner.Run(_train, _test, observer: progress)[0][0];
        Assert.Equal(["Resumed 0 sgdr 3"], progress.Starts);
        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(uninterrupted.FinalTestAccuracy, resumed.FinalTestAccuracy);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TestAccuracy), resumed.Epochs.Select(e => e.TestAccuracy));
        Assert.Equal(uninterrupted.EnsembleTestAccuracy, resumed.EnsembleTestAccuracy);
    }

    [Fact]
    public void Validation_and_fixed_epoch_snapshots_are_measured_without_changing_the_run()
    {
        var plain = new ExperimentRunner(Template, [Arms[0]], [6], Path.Combine(_folder, "plain")).Run(_train, _test)[0][0];
        var arm = Arms[0] with { SnapshotEpochs = [1, 3] };
        var probed = new ExperimentRunner(Template, [arm], [6], Path.Combine(_folder, "probed")).Run(_train, _test, _validation)[0][0];

        Assert.Equal(plain.Epochs.Select(e => e.TestAccuracy), probed.Epochs.Select(e => e.TestAccuracy));
        Assert.All(probed.Epochs, e => Assert.InRange(e.ValidationAccuracy, 0.2, 1.0));
        Assert.True(plain.Epochs.All(e => double.IsNaN(e.ValidationAccuracy)));
        Assert.Equal([1, 3], probed.EpochEnsemble!.Epochs);
        Assert.InRange(probed.EpochEnsemble.TestAccuracy, 0.2, 1.0);
        Assert.Equal(probed.Epochs[^1].ValidationAccuracy, probed.FinalValidationAccuracy);
    }

    private sealed class Recorder : IExperimentObserver, ITrainingObserver
    {
        public List<string> Starts { get; } = [];

        public long CancelAtStep { get; init; } = -1;

        public CancellationTokenSource? Cancel { get; init; }

        public ITrainingObserver? RunStarting(int index, int total, ExperimentArm arm, long seed, RunStart state)
        {
            Starts.Add($"{state} {index} {arm.Label} {seed}");
            return this;
        }

        public void RunFinished(int index, RunOutcome outcome)
        {
        }

        public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch)
        {
        }

        public void StepCompleted(in StepRecord record)
        {
            if (record.Step == CancelAtStep)
            {
                Cancel?.Cancel();
            }
        }

        public void CycleEnded(CycleEndRecord record)
        {
        }

        public void EpochCompleted(EpochRecord record)
        {
        }
    }
}
