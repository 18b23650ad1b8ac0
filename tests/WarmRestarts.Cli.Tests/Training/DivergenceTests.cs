using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>
/// A diverging run end to end (<c>train</c> in process): the loss becomes NaN or infinite, the run stops with exit 2
/// and one line that says so, keeps the last good checkpoint untouched and suggests a lower peak and find-lr.
/// </summary>
[Collection(TrainSerial.Name)]
public sealed class DivergenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("divergence-").FullName;
    private readonly string _data;

    public DivergenceTests()
    {
        _data = TinyIdx.Create(Path.Combine(_folder, "data"), trainCount: 128, testCount: 32);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CliResult Train(string output, params string[] more) =>
        CliRunner.RunCore(string.Empty, false, ["train", "--data", _data, "--epochs", "4", "--batch-size", "32", "--seed", "1", "--out", output, .. more], null, null, default);

    [Fact]
    public void A_peak_of_1e6_stops_in_the_first_epoch_and_suggests_a_tenth_of_it_and_find_lr()
    {
        var output = Path.Combine(_folder, "huge");
        var line = CliRunner.AssertBadInput(Train(output, "--lr", "1e6", "--schedule", "torch.CosineAnnealingWarmRestarts(T_0=2)"));

        Assert.Contains("epoch 1", line, StringComparison.Ordinal);
        Assert.Contains("diverged", line, StringComparison.Ordinal);
        Assert.Contains("stopped before any checkpoint was written", line, StringComparison.Ordinal);
        Assert.Contains("try --lr 100000", line, StringComparison.Ordinal);
        Assert.Contains("find-lr", line, StringComparison.Ordinal);
        Assert.False(Trainer.HasCheckpoint(output));
    }

    [Fact]
    public void A_run_that_diverges_later_keeps_the_last_good_checkpoint_untouched()
    {
        // Rates of 0.05 for two epochs, then 1e6: epoch 3 diverges.
        const string schedule = "sequence(schedules=[constant(value=0.05), constant(value=1e6)], boundaries=[2])";
        var twin = Path.Combine(_folder, "twin");
        Assert.Equal(0, CliRunner.RunCore(string.Empty, false, ["train", "--data", _data, "--epochs", "2", "--batch-size", "32", "--seed", "1", "--out", twin, "--schedule", schedule], null, null, default).ExitCode);
        var output = Path.Combine(_folder, "later");

        var line = CliRunner.AssertBadInput(Train(output, "--schedule", schedule));

        Assert.Contains("at epoch 3", line, StringComparison.Ordinal);
        Assert.Contains("diverged", line, StringComparison.Ordinal);
        Assert.Contains("the last good checkpoint (after epoch 2) is kept in " + output, line, StringComparison.Ordinal);
        Assert.Contains("lower the peak rate in the schedule", line, StringComparison.Ordinal);
        Assert.Contains("find-lr", line, StringComparison.Ordinal);

        // The kept checkpoint is epoch 2's, intact (checksum), with the weights of a run that stopped there by design.
        var kept = CheckpointFile.Read(output);
        Assert.Equal(2, kept.State.CompletedEpochs);
        Assert.Equal(CheckpointFile.Read(twin).Parameters, kept.Parameters);
        Assert.All(kept.Parameters.SelectMany(p => p), w => Assert.True(float.IsFinite(w)));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }
}
