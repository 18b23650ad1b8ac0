using System.Globalization;
using WarmRestarts.Cli.Commands;
using WarmRestarts.Cli.Training;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>Train runs share torch's global generator and thread count: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainSerial
{
    public const string Name = "train";
}

/// <summary><c>train</c> in-process on a tiny IDX folder (256 + 100 images): files, table, rates, resume, errors.</summary>
[Collection(TrainSerial.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private const string Spec = "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=1, eta_min=0.001)";

    private readonly string _folder = Directory.CreateTempSubdirectory("train-tests-").FullName;
    private readonly string _data;

    public TrainCommandTests()
    {
        _data = TinyIdx.Create(Path.Combine(_folder, "data"), trainCount: 256, testCount: 100);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Args(string output, params string[] more) =>
        ["train", "--data", _data, "--epochs", "2", "--batch-size", "32", "--schedule", Spec, "--seed", "3", "--out", output, .. more];

    private static CliResult Train(params string[] args) => CliRunner.RunCore(string.Empty, false, args, null, null, default);

    private static string[] Csv(string folder, string file) => File.ReadAllLines(Path.Combine(folder, file));

    [Fact]
    public void A_run_writes_metrics_plots_settings_and_a_checkpoint_and_prints_the_results()
    {
        var output = Path.Combine(_folder, "run");

        var result = Train(Args(output, "--swa"));

        Assert.True(result.ExitCode == 0, result.Error + result.Console);
        foreach (var file in new[] { MetricsFiles.EpochsFile, MetricsFiles.StepsFile, MetricsFiles.CycleEndsFile, RunPlots.RateFile, RunPlots.AccuracyFile, RunSettings.FileName, "checkpoint.bin" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        Assert.Empty(Directory.GetFiles(output, "*.tmp*"));
        foreach (var png in new[] { RunPlots.RateFile, RunPlots.AccuracyFile })
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(output, png))[..4]);
        }

        // Plain progress (no terminal): one line per epoch and per cycle end.
        Assert.Contains("epoch 1/2 cycle 0 lr ", result.Console, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2 cycle 1 lr ", result.Console, StringComparison.Ordinal);
        Assert.Contains("cycle 1 ended at epoch 2: test accuracy", result.Console, StringComparison.Ordinal);

        // The table shows each cycle end's accuracy as in cycle-ends.csv, and the ensemble and SWA of the result.
        var ends = Csv(output, MetricsFiles.CycleEndsFile)[1..].Select(l => l.Split(',')).ToArray();
        Assert.Equal(["0", "1"], ends.Select(e => e[0]));
        var lines = result.Console.Split('\n');
        foreach (var end in ends)
        {
            var row = lines.Single(l => l.TrimStart().StartsWith(end[0] + " ", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal));
            Assert.Contains(TrainProgress.Percent(double.Parse(end[3], CultureInfo.InvariantCulture)), row, StringComparison.Ordinal);
            Assert.Contains(TrainProgress.Percent(double.Parse(end[5], CultureInfo.InvariantCulture)), row, StringComparison.Ordinal);
        }

        var ensemble = double.Parse(ends[1][4], CultureInfo.InvariantCulture);
        Assert.InRange(ensemble, 0.2, 1.0);
        Assert.Contains(lines, l => l.Contains("snapshot ensemble (last 2 cycle ends)", StringComparison.Ordinal) && l.Contains(TrainProgress.Percent(ensemble), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("SWA (2 cycle ends averaged)", StringComparison.Ordinal));
        var seconds = Csv(output, MetricsFiles.EpochsFile)[1..].Select(l => double.Parse(l.Split(',')[7], CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains(FormattableString.Invariant($"time per epoch: {seconds.Average():F2} s"), result.Console, StringComparison.Ordinal);
        Assert.EndsWith($"output: {output}\n", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rates_in_steps_csv_are_the_schedule_at_the_fractional_epoch()
    {
        var output = Path.Combine(_folder, "rates");

        Assert.Equal(0, Train(Args(output, "--lr", "0.05")).ExitCode);

        var schedule = ScheduleSpec.Parse(Spec).RateFor(0, 0.05);
        var rows = Csv(output, MetricsFiles.StepsFile)[1..].Select(l => l.Split(',')).ToArray();
        Assert.Equal(16, rows.Length); // 256 images / 32 per batch = 8 steps per epoch, 2 epochs
        for (var k = 0; k < rows.Length; k++)
        {
            Assert.Equal(k.ToString(CultureInfo.InvariantCulture), rows[k][0]);
            var progress = double.Parse(rows[k][1], CultureInfo.InvariantCulture);
            Assert.Equal(k / 8.0, progress, 15);
            Assert.Equal(schedule.Evaluate(progress), double.Parse(rows[k][2], CultureInfo.InvariantCulture));
        }

        Assert.Equal(0.05, double.Parse(rows[8][2], CultureInfo.InvariantCulture)); // the restart after epoch 1 is the peak again
    }

    [Fact]
    public void Steps_as_the_unit_counts_the_schedule_in_batches_and_no_snapshots_means_no_ensemble()
    {
        var output = Path.Combine(_folder, "steps");

        var result = Train(Args(output, "--schedule-unit", "steps", "--schedule", "torch.CosineAnnealingWarmRestarts(T_0=4, eta_min=0.001)", "--snapshots", "0"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cycle 0 ended at step 4: test accuracy", result.Console, StringComparison.Ordinal);
        Assert.Contains("snapshot ensemble (off: --snapshots 0)", result.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshot ensemble (last", result.Console, StringComparison.Ordinal);

        var schedule = ScheduleSpec.Parse("torch.CosineAnnealingWarmRestarts(T_0=4, eta_min=0.001)").RateFor(0, 0.1);
        var rows = Csv(output, MetricsFiles.StepsFile)[1..].Select(l => l.Split(',')).ToArray();
        Assert.Equal(Enumerable.Range(0, 16).Select(k => schedule.Evaluate(k)), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.Equal(4, Csv(output, MetricsFiles.CycleEndsFile).Length - 1); // cycle ends after steps 4, 8, 12, 16
    }

    [Fact]
    public void TensorBoard_gets_the_rate_and_loss_of_every_step_and_the_test_metrics_of_every_epoch()
    {
        var output = Path.Combine(_folder, "board");

        Assert.Equal(0, Train(Args(output, "--tensorboard")).ExitCode);

        var events = Assert.Single(Directory.GetFiles(Path.Combine(output, "tensorboard"), "events.out.tfevents.*"));
        var bytes = File.ReadAllBytes(events);
        var records = new List<byte[]>();
        for (var at = 0; at < bytes.Length;)
        {
            // TFRecord framing: length (u64 LE), its CRC (u32), the event, its CRC (u32).
            var length = (int)BitConverter.ToUInt64(bytes, at);
            records.Add(bytes[(at + 12)..(at + 12 + length)]);
            at += 12 + length + 4;
        }

        int Count(string tag) => records.Count(r => System.Text.Encoding.ASCII.GetString(r).Contains(tag, StringComparison.Ordinal));
        Assert.Equal(16, Count("train/lr"));
        Assert.Equal(16, Count("train/loss"));
        Assert.Equal(2, Count("test/accuracy"));
        Assert.Equal(2, Count("test/loss"));
        Assert.Equal(1 + 16 + 16 + 2 + 2, records.Count); // the first event is the file version
    }

    [Fact]
    public void A_stopped_run_resumed_and_a_finished_run_resumed_give_the_uninterrupted_metrics()
    {
        var whole = Path.Combine(_folder, "whole");
        var uninterrupted = Train(Args(whole, "--epochs", "3"));
        Assert.Equal(0, uninterrupted.ExitCode);

        var split = Path.Combine(_folder, "split");
        using var stop = new CancellationTokenSource();
        var stopped = CliRunner.RunCore(string.Empty, false, Args(split, "--epochs", "3"), null, console => new CancellingConsole(console, "epoch 1/3", stop), stop.Token);
        Assert.Equal(TrainCommand.Interrupted, stopped.ExitCode);
        Assert.Equal($"stopped during epoch 2: the checkpoint after epoch 1 is in {split}; continue with: warmrestarts train --resume {split}", Assert.Single(stopped.ErrorLines));
        Assert.Equal(2, Csv(split, MetricsFiles.EpochsFile).Length);

        var resumed = Train("train", "--resume", split);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resuming after epoch 1 of 3", resumed.Console, StringComparison.Ordinal);
        Assert.Equal(Csv(whole, MetricsFiles.StepsFile), Csv(split, MetricsFiles.StepsFile));
        Assert.Equal(Csv(whole, MetricsFiles.CycleEndsFile), Csv(split, MetricsFiles.CycleEndsFile));
        Assert.Equal(WithoutTimes(Csv(whole, MetricsFiles.EpochsFile)), WithoutTimes(Csv(split, MetricsFiles.EpochsFile)));
        Assert.Equal(ResultLines(uninterrupted), ResultLines(resumed));

        // A finished run resumed trains nothing more and reports the same results.
        var again = Train("train", "--resume", whole);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(ResultLines(uninterrupted), ResultLines(again));
        Assert.DoesNotContain("epoch 1/3", again.Console, StringComparison.Ordinal);

        // Resumed into a new folder, the run continues there and the original stays as it was.
        var branch = Path.Combine(_folder, "branch");
        var before = File.ReadAllBytes(Path.Combine(split, "checkpoint.bin"));
        Assert.Equal(0, Train("train", "--resume", split, "--out", branch).ExitCode);
        Assert.Equal(Csv(whole, MetricsFiles.StepsFile), Csv(branch, MetricsFiles.StepsFile));
        Assert.True(File.Exists(Path.Combine(branch, RunSettings.FileName)));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(split, "checkpoint.bin")));
    }

    [Fact]
    public void A_run_stopped_before_its_first_checkpoint_leaves_no_folder()
    {
        var output = Path.Combine(_folder, "early");
        using var stop = new CancellationTokenSource();

        var stopped = CliRunner.RunCore(string.Empty, false, Args(output), null, console => new CancellingConsole(console, "training 2 epochs", stop), stop.Token);

        Assert.Equal(TrainCommand.Interrupted, stopped.ExitCode);
        Assert.Equal("stopped during the first epoch, before any checkpoint; nothing was kept: start again", Assert.Single(stopped.ErrorLines));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Resuming_with_a_changed_setting_is_refused_with_one_line()
    {
        var output = Path.Combine(_folder, "changed");
        Assert.Equal(0, Train(Args(output)).ExitCode);
        var before = Csv(output, MetricsFiles.StepsFile);

        var message = CliRunner.AssertBadInput(Train("train", "--resume", output, "--lr", "0.5"));

        Assert.StartsWith($"the checkpoint in {output} was written with optimizer Sgd lr=0.1", message, StringComparison.Ordinal);
        Assert.Equal(before, Csv(output, MetricsFiles.StepsFile));
    }

    [Theory]
    [InlineData("--model", "rnn", "--model must be mlp or cnn, but was 'rnn'")]
    [InlineData("--optimizer", "lion", "--optimizer must be sgd, adam or adamw, but was 'lion'")]
    [InlineData("--epochs", "0", "--epochs must be between 1 and 100000, but was 0")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1, but was 0")]
    [InlineData("--lr", "-1", "--lr must be a finite number > 0, but was -1")]
    [InlineData("--momentum", "1", "--momentum must be in [0, 1), but was 1")]
    [InlineData("--schedule-unit", "hours", "--schedule-unit must be epochs or steps, but was 'hours'")]
    [InlineData("--schedule", "torch.CosineAnnealingWarmRestarts(T_0=0)", "bad spec: ")]
    [InlineData("--schedule", "nope(", "bad spec: ")]
    [InlineData("--data", "/no/such/folder", "--data must be embedded, fashion-mnist or a folder of IDX files, but the folder '/no/such/folder' does not exist")]
    [InlineData("--threads", "x", "")]
    [InlineData("--nesterov", "--optimizer=adam", "nesterov needs the SGD optimizer")]
    public void Bad_options_exit_2_with_one_line_and_write_nothing(string option, string value, string start)
    {
        var output = Path.Combine(_folder, "bad");
        string[] args = [.. Args(output), option, value];

        var message = CliRunner.AssertBadInput(Train(args));

        Assert.StartsWith(start, message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "the output folder was created");
    }

    [Fact]
    public void Data_that_is_not_IDX_exits_2_naming_the_file_and_writes_nothing()
    {
        var data = Path.Combine(_folder, "broken");
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte"), [0, 0, 8, 1, 0, 0, 0, 1]);
        File.Copy(Path.Combine(_data, "train-labels-idx1-ubyte"), Path.Combine(data, "train-labels-idx1-ubyte"));
        var output = Path.Combine(_folder, "broken-out");

        var message = CliRunner.AssertBadInput(Train("train", "--data", data, "--out", output));

        Assert.Equal($"{Path.Combine(data, "train-images-idx3-ubyte")}: wrong magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions); this is not an IDX image file", message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_existing_run_is_never_overwritten()
    {
        var output = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var message = CliRunner.AssertBadInput(Train(Args(output)));

        Assert.Equal($"--out {output} already holds files, and a run is never overwritten; give a new folder, or continue that run with --resume {output}", message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Missing_fashion_mnist_says_how_to_install_it()
    {
        var missing = Path.Combine(_folder, "no-fashion-mnist");
        var result = CliRunner.RunCore(string.Empty, false, ["train", "--data", "fashion-mnist", "--out", Path.Combine(_folder, "fm")], new DataLocations(_data, missing), null, default);

        var message = CliRunner.AssertBadInput(result);

        Assert.Equal($"--data fashion-mnist: the full Fashion-MNIST set is not in {missing}; install it with: apt-get install dataset-fashion-mnist (or give --data PATH to a folder of IDX files)", message);
    }

    [Fact]
    public void Resuming_a_folder_that_is_no_run_exits_2()
    {
        var message = CliRunner.AssertBadInput(Train("train", "--resume", _data));

        Assert.Equal($"--resume: {_data} holds no train.json, so it is not the output folder of a train run; give the folder train printed", message);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var result = Train("train", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--data", "--model", "--schedule", "--schedule-unit", "--epochs", "--batch-size", "--optimizer", "--lr", "--momentum", "--nesterov", "--weight-decay", "--seed", "--snapshots", "--swa", "--reset-optimizer", "--out", "--resume", "--tensorboard", "--threads" })
        {
            Assert.Contains(option + " ", result.Shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_embedded_data_is_beside_the_assembly_and_new_run_folders_never_reuse_a_name()
    {
        var embedded = DataSource.Resolve(null, DataLocations.Default);
        Assert.Equal(DataSource.EmbeddedName, embedded.Argument);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset"), embedded.Folder);
        Assert.True(File.Exists(Path.Combine(embedded.Folder, "t10k-labels-idx1-ubyte.gz")));

        var now = new DateTime(2026, 12, 3, 21, 45, 1, DateTimeKind.Utc);
        var first = RunFolder.NewUnder(_folder, now);
        Assert.Equal(Path.Combine(_folder, "20261203-214501"), first);
        Directory.CreateDirectory(first);
        Assert.Equal(first + "-2", RunFolder.NewUnder(_folder, now));
    }

    private static string[] WithoutTimes(string[] epochsCsv) => [.. epochsCsv.Select(l => string.Join(',', l.Split(',')[..7]))];

    private static string[] ResultLines(CliResult result) =>
        [.. result.Console.Split('\n').Where(l => l.Contains('%', StringComparison.Ordinal) && !l.StartsWith("epoch", StringComparison.Ordinal) && !l.StartsWith("cycle", StringComparison.Ordinal))];
}
