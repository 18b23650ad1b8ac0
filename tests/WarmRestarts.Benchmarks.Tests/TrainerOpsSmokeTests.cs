using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Benchmarks.Tests;

/// <summary>The trainer-ops mode on a slice of the embedded subset: it times every operation, and its instrumented loop does the hand-written loop's work.</summary>
[Collection(TorchSerial.Name)]
public sealed class TrainerOpsSmokeTests
{
    [Fact]
    public void The_instrumented_loop_computes_the_hand_written_loops_losses_and_times_every_operation()
    {
        var data = Path.Combine(TrainerSpeedSmokeTests.RepositoryRoot(), "data", "fashion-mnist-subset");
        var settings = TrainerSpeed.Settings.Parse(["--data", data, "--train-count", "640", "--test-count", "200", "--repeats", "1", "--batch-size", "64"]);
        using var output = new StringWriter();

        var report = TrainerOps.Run(settings, output);

        using var train = settings.Load("train", 640);
        using var test = settings.Load("t10k", 200);
        var options = new TrainerOptions { Schedule = ScheduleSpec.Parse(TrainerSpeed.Schedule), BatchSize = 64, Seed = 7, Snapshots = 0 };
        using var hand = new HandWrittenLoop(options, train, test);
        Assert.Equal([hand.RunEpoch(1).TrainLoss, hand.RunEpoch(2).TrainLoss], report.TrainLosses);
        string[] operations =
        [
            "batching (narrow, 2 index_select)", "zero_grad", "forward flatten", "forward fc1", "forward relu1", "forward fc2",
            "forward relu2", "forward out", "cross_entropy", "backward", "SGD step", "loss.item()",
            "accuracy (argmax, eq, sum, item)", "scheduler step", "dispose scope", "batch total", "evaluation (per batch of the epoch)",
            "epoch total", "mm fc1 forward [128,784]x[784,256]", "mm out forward [128,128]x[128,10]",
        ];
        Assert.All(operations, name => Assert.True(report.TorchSharp[name] > 0, name));
        Assert.Empty(report.PyTorch);
        Assert.Contains("| backward |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_gradient_mode_is_refused()
    {
        using var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TrainerOps.RunCommand(["--grads", "sometimes"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("--grads", error.ToString(), StringComparison.Ordinal);
    }
}
