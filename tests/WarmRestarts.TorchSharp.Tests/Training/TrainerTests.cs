using TorchSharp;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.TorchSharp.Tests.Training;

/// <summary>The Trainer on a small slice of the embedded Fashion-MNIST subset.</summary>
[Collection(TorchSerial.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trainer-tests-").FullName;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;

    public TrainerTests()
    {
        Torch.Init(seed: 0);
        var data = Path.Combine(RepositoryRoot(), "data", "fashion-mnist-subset");
        using var fullTrain = ImageDataset.LoadFolder(data, "train");
        using var fullTest = ImageDataset.LoadFolder(data, "t10k");
        _train = fullTrain.Select([.. Enumerable.Range(0, 640).Select(i => (long)(i * 15))], "train[640]");
        _test = fullTest.Select([.. Enumerable.Range(0, 200).Select(i => (long)(i * 10))], "test[200]");
    }

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static TrainerOptions Options(string output, string schedule = "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=2, eta_min=0.001)") => new()
    {
        Schedule = ScheduleSpec.Parse(schedule),
        Epochs = 3,
        BatchSize = 64,
        LearningRate = 0.05,
        Snapshots = 2,
        Swa = true,
        OutputDirectory = output,
        Seed = 11,
    };

    [Fact]
    public void Every_step_uses_the_schedule_at_the_fractional_epoch_and_cycle_ends_are_snapshots()
    {
        var options = Options(Path.Combine(_folder, "run"));
        using var trainer = new Trainer(options, _train, _test);
        var result = trainer.Run();

        Assert.Equal(10, result.StepsPerEpoch);
        Assert.Equal(30, result.Steps.Count);
        var schedule = options.Schedule.RateFor(0, 0.05);
        foreach (var step in result.Steps)
        {
            Assert.Equal(step.Step / 10.0, step.Progress, 15);
            Assert.Equal(schedule.Evaluate(step.Progress), step.LearningRate);
        }

        Assert.Equal(0.05, result.Steps[0].LearningRate);
        Assert.Equal(0.05, result.Steps[10].LearningRate); // restart after epoch 1
        Assert.Equal([0L, 1L], result.CycleEnds.Select(c => c.Cycle));
        Assert.Equal([10L, 30L], result.CycleEnds.Select(c => c.Step));
        Assert.Equal([1.0, 3.0], result.CycleEnds.Select(c => c.Progress));
        Assert.True(double.IsNaN(result.CycleEnds[0].EnsembleAccuracy));
        Assert.InRange(result.CycleEnds[1].EnsembleAccuracy, 0.3, 1.0);
        Assert.InRange(result.EnsembleAccuracy, 0.3, 1.0);
        Assert.InRange(result.SwaAccuracy, 0.1, 1.0);
        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.Epochs[^1].TestAccuracy > 0.5, $"accuracy {result.Epochs[^1].TestAccuracy}");
        Assert.Equal([0L, 1L, 1L], result.Epochs.Select(e => e.Cycle));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(options.OutputDirectory!, MetricsFiles.EpochsFile)).Length);
        Assert.Equal(31, File.ReadAllLines(Path.Combine(options.OutputDirectory!, MetricsFiles.StepsFile)).Length);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(options.OutputDirectory!, MetricsFiles.CycleEndsFile)).Length);
        Assert.Empty(Directory.GetFiles(options.OutputDirectory!, "*.tmp"));
    }

    [Fact]
    public void A_seed_fixes_the_run_and_a_resumed_run_equals_an_uninterrupted_one_bit_for_bit()
    {
        float[][] Weights(Trainer t) => [.. t.Model.parameters().Select(p => p.data<float>().ToArray())];

        var whole = Options(Path.Combine(_folder, "whole"));
        using var first = new Trainer(whole, _train, _test);
        var uninterrupted = first.Run();
        var expectedWeights = Weights(first);

        var split = Options(Path.Combine(_folder, "split"));
        using (var cancel = new CancellationTokenSource())
        using (var interrupted = new Trainer(split, _train, _test, new CancelAfterEpoch(1, cancel)))
        {
            Assert.Throws<OperationCanceledException>(() => interrupted.Run(cancellation: cancel.Token));
        }

        using var resumed = new Trainer(split, _train, _test);
        var continued = resumed.Run(resumeFrom: split.OutputDirectory);

        Assert.Equal(1, continued.ResumedFromEpoch);
        Assert.Equal(uninterrupted.Steps, continued.Steps);
        Assert.Equal(uninterrupted.Epochs.Select(e => (e.TestLoss, e.TestAccuracy, e.TrainLoss)), continued.Epochs.Select(e => (e.TestLoss, e.TestAccuracy, e.TrainLoss)));
        Assert.Equal(uninterrupted.CycleEnds, continued.CycleEnds);
        Assert.Equal(uninterrupted.EnsembleAccuracy, continued.EnsembleAccuracy);
        Assert.Equal(uninterrupted.SwaAccuracy, continued.SwaAccuracy);
        Assert.Equal(expectedWeights, Weights(resumed));
    }

    [Fact]
    public void Resuming_with_another_schedule_is_refused()
    {
        var options = Options(Path.Combine(_folder, "a"));
        using (var cancel = new CancellationTokenSource())
        using (var trainer = new Trainer(options, _train, _test, new CancelAfterEpoch(1, cancel)))
        {
            Assert.Throws<OperationCanceledException>(() => trainer.Run(cancellation: cancel.Token));
        }

        using var other = new Trainer(options with { Schedule = ScheduleSpec.Parse("torch.CosineAnnealingLR(T_max=3)") }, _train, _test);
        var error = Assert.Throws<TrainingException>(() => other.Run(resumeFrom: options.OutputDirectory));
        Assert.Equal(
            $"the checkpoint in {options.OutputDirectory} was written with schedule torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=2, eta_min=0.001), but this run has torch.CosineAnnealingLR(T_max=3); resume with the same settings, or start a new run in another folder",
            error.Message);
    }

    [Fact]
    public void A_truncated_checkpoint_is_reported_and_not_loaded()
    {
        var options = Options(Path.Combine(_folder, "t")) with { Epochs = 1 };
        using (var trainer = new Trainer(options, _train, _test))
        {
            trainer.Run();
        }

        var path = Path.Combine(options.OutputDirectory!, "checkpoint.bin");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var resumed = new Trainer(options, _train, _test);
        var error = Assert.Throws<TrainingException>(() => resumed.Run(resumeFrom: options.OutputDirectory));
        Assert.StartsWith($"checkpoint {path} is truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_diverging_loss_stops_with_advice()
    {
        var options = Options(Path.Combine(_folder, "d"), "constant(value=1e9)") with { Momentum = 0.99 };
        using var trainer = new Trainer(options, _train, _test);
        var error = Assert.Throws<TrainingException>(() => trainer.Run());
        Assert.Contains("the training loss became", error.Message, StringComparison.Ordinal);
        Assert.Contains("find-lr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_folder_fails_before_training()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        var observer = new CountingObserver();
        using var trainer = new Trainer(Options(Path.Combine(file, "out")), _train, _test, observer);
        var error = Assert.Throws<TrainingException>(() => trainer.Run());
        Assert.StartsWith($"the output folder {Path.Combine(file, "out")} is not writable", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, observer.Steps);
    }

    [Fact]
    public void Bad_options_and_schedules_that_end_too_early_are_refused_at_construction()
    {
        Assert.Equal("epochs must be an integer >= 1, but was 0; give e.g. --epochs 14", Assert.Throws<TrainingException>(() => new Trainer(Options(_folder) with { Epochs = 0 }, _train, _test)).Message);
        var error = Assert.Throws<TrainingException>(() => new Trainer(Options(_folder, "torch.OneCycleLR(max_lr=0.1, total_steps=20)"), _train, _test));
        Assert.Contains("can be stepped 20 times, but 3 epochs of 10 batches take 30 steps", error.Message, StringComparison.Ordinal);

        // 30 batches step the scheduler 30 times: total_steps=30 fits (PyTorch allows exactly total_steps steps), 29 does not.
        using (new Trainer(Options(_folder, "torch.OneCycleLR(max_lr=0.1, total_steps=30)"), _train, _test))
        {
        }

        error = Assert.Throws<TrainingException>(() => new Trainer(Options(_folder, "torch.OneCycleLR(max_lr=0.1, total_steps=29)"), _train, _test));
        Assert.Contains("can be stepped 29 times, but 3 epochs of 10 batches take 30 steps", error.Message, StringComparison.Ordinal);

        // A limit of an epoch-counted spec is in epochs (scheduler steps), not batches: a chain replayed step by step
        // allows 10,000 steps, so 2,000 epochs of 10 batches fit and 10,001 epochs do not.
        const string chain = "torch.ChainedScheduler(schedulers=[torch.ExponentialLR(gamma=0.9), torch.CosineAnnealingLR(T_max=10, eta_min=0.001)])";
        using (new Trainer(Options(_folder, chain) with { Epochs = 2000 }, _train, _test))
        {
        }

        error = Assert.Throws<TrainingException>(() => new Trainer(Options(_folder, chain) with { Epochs = 10_001 }, _train, _test));
        Assert.Contains("can be stepped 10000 times, but 10001 epochs take 10001 scheduler steps", error.Message, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WarmRestarts.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed class CancelAfterEpoch(int epoch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch)
        {
        }

        public void StepCompleted(in StepRecord record)
        {
        }

        public void CycleEnded(CycleEndRecord record)
        {
        }

        public void EpochCompleted(EpochRecord record)
        {
            if (record.Epoch == epoch)
            {
                cancel.Cancel();
            }
        }
    }

    internal sealed class CountingObserver : ITrainingObserver
    {
        public int Steps { get; private set; }

        public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch)
        {
        }

        public void StepCompleted(in StepRecord record) => Steps++;

        public void CycleEnded(CycleEndRecord record)
        {
        }

        public void EpochCompleted(EpochRecord record)
        {
        }
    }
}
