namespace WarmRestarts.Benchmarks.Tests;

/// <summary>The trainer-speed mode on a slice of the embedded subset: it runs, and the Trainer and the hand-written loop do the same work.</summary>
[Collection(TorchSerial.Name)]
public sealed class TrainerSpeedSmokeTests
{
    [Fact]
    public void The_trainer_and_the_hand_written_loop_compute_identical_losses_and_each_round_is_timed()
    {
        var data = Path.Combine(RepositoryRoot(), "data", "fashion-mnist-subset");
        var settings = TrainerSpeed.Settings.Parse(["--data", data, "--train-count", "640", "--test-count", "200", "--repeats", "2", "--batch-size", "64"]);
        using var output = new StringWriter();

        var report = TrainerSpeed.Run(settings, output);

        Assert.True(report.Identical, output.ToString());
        Assert.Equal(2, report.Trainer.Count);
        Assert.Equal(2, report.HandWritten.Count);
        Assert.Empty(report.PyTorch);
        Assert.All(report.Trainer.Concat(report.HandWritten), seconds => Assert.True(seconds > 0));
        Assert.Contains("trainer / hand-written = ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainerSpeed.Settings.Parse(["--repeats", "0"]));
        Assert.Contains("--repeats", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrainerSpeed.Settings.Parse(["--frobnicate", "1"]));
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
}

/// <summary>Tests that use libtorch run one at a time (global seed, thread count).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchSerial
{
    public const string Name = "torch";
}
