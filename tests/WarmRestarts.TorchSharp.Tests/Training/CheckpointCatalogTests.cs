using System.Text;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.TorchSharp.Tests.Training;

/// <summary>
/// The bad-checkpoint catalogue: a checkpoint empty, cut at any length, with a byte changed anywhere (header, state,
/// weights, optimizer, trailer, checksum), extra bytes, another file in its place, or written by a run with other
/// settings. Resuming raises <see cref="TrainingException"/> with one line naming the file and what to do, before any
/// step is trained, and leaves the file exactly as it was.
/// </summary>
[Collection(TorchSerial.Name)]
public sealed class CheckpointCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("checkpoint-catalog-").FullName;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;

    public CheckpointCatalogTests()
    {
        Torch.Init(seed: 0);
        var data = Path.Combine(TrainerTests.RepositoryRoot(), "data", "fashion-mnist-subset");
        using var fullTrain = ImageDataset.LoadFolder(data, "train");
        using var fullTest = ImageDataset.LoadFolder(data, "t10k");
        _train = fullTrain.Select([.. Enumerable.Range(0, 128).Select(i => (long)(i * 50))], "train[128]");
        _test = fullTest.Select([.. Enumerable.Range(0, 32).Select(i => (long)(i * 50))], "test[32]");
    }

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static TrainerOptions Options(string output) => new()
    {
        Schedule = ScheduleSpec.Parse("torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=2, eta_min=0.001)"),
        Epochs = 2,
        BatchSize = 64,
        LearningRate = 0.05,
        Snapshots = 1,
        Swa = true,
        OutputDirectory = output,
        Seed = 3,
    };

    [Fact]
    public void Every_damaged_checkpoint_is_refused_with_one_line_before_training_and_left_as_it_was()
    {
        var options = Options(Path.Combine(_folder, "good")) with { Epochs = 1 };
        using (var trainer = new Trainer(options, _train, _test))
        {
            trainer.Run();
        }

        var good = File.ReadAllBytes(Path.Combine(options.OutputDirectory!, CheckpointFile.FileName));
        var damages = new List<(string Name, byte[] Bytes)>
        {
            ("empty", []),
            ("magic only", good[..8]),
            ("header cut", good[..11]),
            ("one byte short", good[..^1]),
            ("checksum cut", good[..^32]),
            ("extra bytes", [.. good, 0, 1, 2]),
            ("text file", Encoding.UTF8.GetBytes("epoch,train_loss\n1,0.5\n")),
            ("wrong magic", [.. Encoding.ASCII.GetBytes("WRCKPT99"), .. good[8..]]),
        };
        foreach (var fraction in new[] { 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var at = (int)(good.Length * fraction);
            damages.Add(($"cut at {fraction:P0}", good[..at]));
            var flipped = good.ToArray();
            flipped[at] ^= 0x01;
            damages.Add(($"bit flipped at {fraction:P0}", flipped));
        }

        var flippedLast = good.ToArray();
        flippedLast[^1] ^= 0x80;
        damages.Add(("checksum bit flipped", flippedLast));
        var flippedState = good.ToArray();
        flippedState[20] ^= 0x20;
        damages.Add(("state bit flipped", flippedState));

        foreach (var (name, bytes) in damages)
        {
            var folder = Path.Combine(_folder, "damaged");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, CheckpointFile.FileName);
            File.WriteAllBytes(path, bytes);
            var observer = new TrainerTests.CountingObserver();
            using var trainer = new Trainer(options with { OutputDirectory = folder }, _train, _test, observer);

            var error = Assert.Throws<TrainingException>(() => trainer.Run(resumeFrom: folder));

            Assert.True(error.Message.StartsWith($"checkpoint {path} is truncated or corrupt", StringComparison.Ordinal), $"{name}: {error.Message}");
            Assert.Contains("resume from an intact checkpoint or start a new run", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Equal(0, observer.Steps);
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_checkpoint_of_other_settings_or_none_at_all_is_refused_naming_what_differs()
    {
        var options = Options(Path.Combine(_folder, "mine"));
        using (var trainer = new Trainer(options, _train, _test))
        {
            trainer.Run();
        }

        var before = File.ReadAllBytes(Path.Combine(options.OutputDirectory!, CheckpointFile.FileName));
        foreach (var (other, setting) in new (TrainerOptions, string)[]
        {
            (options with { Model = ModelKind.Cnn }, "model"),
            (options with { Seed = 4 }, "seed"),
            (options with { BatchSize = 32 }, "batch size"),
            (options with { Optimizer = OptimizerKind.Adam }, "optimizer"),
        })
        {
            using var trainer = new Trainer(other, _train, _test);
            var error = Assert.Throws<TrainingException>(() => trainer.Run(resumeFrom: options.OutputDirectory));
            Assert.Contains($"was written with {setting} ", error.Message, StringComparison.Ordinal);
            Assert.Contains("resume with the same settings", error.Message, StringComparison.Ordinal);
        }

        using (var smaller = _test.Select([0, 1, 2, 3], "test[4]"))
        using (var trainer = new Trainer(options, _train, smaller))
        {
            Assert.Contains("was written with test data ", Assert.Throws<TrainingException>(() => trainer.Run(resumeFrom: options.OutputDirectory)).Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(Path.Combine(options.OutputDirectory!, CheckpointFile.FileName)));
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        using var fresh = new Trainer(options, _train, _test);
        Assert.StartsWith($"no checkpoint at {Path.Combine(empty, CheckpointFile.FileName)}", Assert.Throws<TrainingException>(() => fresh.Run(resumeFrom: empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_under_a_file_or_in_proc_fails_before_training()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        foreach (var output in new[] { Path.Combine(file, "out"), "/proc/warmrestarts-cannot-write-here", "/proc/self/out" })
        {
            var observer = new TrainerTests.CountingObserver();
            using var trainer = new Trainer(Options(output), _train, _test, observer);
            var error = Assert.Throws<TrainingException>(() => trainer.Run());
            Assert.StartsWith($"the output folder {output} is not writable", error.Message, StringComparison.Ordinal);
            Assert.Contains("choose another --out or free disk space", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, observer.Steps);
        }

        Assert.Equal("x", File.ReadAllText(file));
    }
}
