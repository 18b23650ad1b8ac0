using System.Diagnostics;
using System.Globalization;
using WarmRestarts.TorchSharp.Training;
using Xunit.Abstractions;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>
/// Kill trials: <c>train --out DIR</c> runs in a child process (the built CLI via <c>dotnet</c>) on a tiny IDX folder
/// and is killed with SIGKILL — at a random moment, or inside a checkpoint write (the test hook
/// <see cref="CheckpointFile.PauseVariable"/> holds the complete temporary file for a while before the rename, and the
/// test kills when it sees it, after a random delay that also lands in the write itself). After each kill the last
/// checkpoint, when there is one, must load (checksum included); <c>train --resume DIR</c> must then finish with the
/// uninterrupted run's steps (rates and losses), epochs, cycle ends and final weights, bit for bit, and leave no
/// temporary file. CI runs 3 trials; WARMRESTARTS_KILL_TRIALS=N runs N (docs/reliability.md).
/// </summary>
public sealed class KillTrialTests(ITestOutputHelper log) : IDisposable
{
    /// <summary>The environment variable with the number of trials of the long run.</summary>
    public const string TrialsVariable = "WARMRESTARTS_KILL_TRIALS";

    private const int Epochs = 4;
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("kill-trials-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_killed_at_random_moments_and_inside_checkpoint_writes_resumes_to_the_uninterrupted_result()
    {
        var data = TinyIdx.Create(Path.Combine(_folder, "data"), 320, 64);
        var whole = Path.Combine(_folder, "whole");
        var clock = Stopwatch.StartNew();
        var reference = RunToEnd(Args(data, whole));
        var duration = clock.Elapsed;
        Assert.True(reference.Code == 0, reference.Error);
        var expected = Result.Of(whole);
        Assert.Equal(Epochs, expected.CompletedEpochs);

        var trials = int.TryParse(Environment.GetEnvironmentVariable(TrialsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        var inWindow = 0;
        var withoutCheckpoint = 0;
        var random = new Random(20261203); // one generator for all trials: consecutive seeds give similar first draws
        for (var trial = 0; trial < trials; trial++)
        {
            var folder = Path.Combine(_folder, $"trial-{trial}");
            var duringWrite = trial % 2 == 0;
            string moment;
            using (var child = Start(Args(data, folder), pauseMs: duringWrite ? 1500 : 0))
            {
                if (duringWrite)
                {
                    var target = 1 + random.Next(Epochs - 1);
                    var delay = random.Next(0, 1000);
                    Assert.True(WaitForCheckpointWrite(child, folder, target), $"trial {trial}: checkpoint write {target} never started");
                    Thread.Sleep(delay);
                    moment = $"checkpoint write {target} + {delay} ms";
                }
                else
                {
                    var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 1.1);
                    child.WaitForExit(delay);
                    moment = $"{delay.TotalSeconds:F2} s after start";
                }

                child.Kill(entireProcessTree: true);
                Assert.True(child.WaitForExit(ChildTimeout));
            }

            var temporary = Directory.Exists(folder) && Directory.GetFiles(folder, ".checkpoint.bin.*.tmp").Length > 0;
            inWindow += temporary ? 1 : 0;
            int? kept = null;
            if (Directory.Exists(folder) && Trainer.HasCheckpoint(folder))
            {
                // The last good checkpoint always loads: header, state, weights and the checksum over the whole file.
                kept = CheckpointFile.Read(folder).State.CompletedEpochs;
                Assert.InRange(kept.Value, 1, Epochs);
            }
            else
            {
                withoutCheckpoint++;
            }

            var started = Directory.Exists(folder) && File.Exists(Path.Combine(folder, "train.json"));
            var resumed = RunToEnd(started ? ["train", "--resume", folder] : Args(data, folder));
            log.WriteLine($"trial {trial}: killed at {moment}; temporary checkpoint left: {temporary}; checkpoint kept: {(kept is { } k ? $"after epoch {k}" : "none")}; {(started ? "resumed" : "started again")}: exit {resumed.Code}");
            Assert.True(resumed.Code == 0, $"trial {trial} ({moment}): {resumed.Error}");
            var actual = Result.Of(folder);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.Epochs, actual.Epochs);
            Assert.Equal(expected.CycleEnds, actual.CycleEnds);
            Assert.Equal(expected.Weights, actual.Weights);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            Directory.Delete(folder, recursive: true);
        }

        log.WriteLine($"{trials} trials: {inWindow} killed with a checkpoint write in progress, {withoutCheckpoint} before the first checkpoint; reference run {duration.TotalSeconds:F1} s");
        if (trials >= 2)
        {
            Assert.True(inWindow >= 1, "no trial was killed inside a checkpoint write");
        }
    }

    /// <summary>
    /// A full disk, simulated with a file-size limit (<c>ulimit -f</c>, SIGXFSZ ignored, so writes past it fail with
    /// EFBIG like ENOSPC; no privileges needed, unlike a small tmpfs or loop device): too small for the 64 KiB probe,
    /// the run fails before training; between the second and the third checkpoint's size, it stops at the third with
    /// the second kept intact, and resumes (without the limit) to the uninterrupted result.
    /// </summary>
    [Fact]
    public void A_full_disk_fails_before_training_or_keeps_the_last_checkpoint_and_the_run_resumes()
    {
        var data = TinyIdx.Create(Path.Combine(_folder, "data"), 320, 64);
        var two = Path.Combine(_folder, "two");
        var three = Path.Combine(_folder, "three");
        Assert.Equal(0, RunToEnd(Args(data, two, epochs: 3)[..^2].Concat(["--out", two, "--epochs", "2"]).ToArray()).Code);
        Assert.Equal(0, RunToEnd(Args(data, three, epochs: 3)).Code);
        var small = new FileInfo(Path.Combine(two, CheckpointFile.FileName)).Length;
        var large = new FileInfo(Path.Combine(three, CheckpointFile.FileName)).Length;
        Assert.True(large > small + 4096, $"checkpoints of {small} and {large} bytes");

        var early = Path.Combine(_folder, "early");
        var refused = RunToEnd(Args(data, early, epochs: 3), fileSizeLimitKiB: 32);
        Assert.True(refused.Code == 2, refused.Error);
        Assert.Contains($"the output folder {early} is not writable", refused.Error, StringComparison.Ordinal);
        Assert.Contains("free disk space", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(early, MetricsFiles.StepsFile)), "training started");
        Assert.True(!Directory.Exists(early) || Directory.GetFiles(early).Length == 0, "files were left behind");

        var full = Path.Combine(_folder, "full");
        var stopped = RunToEnd(Args(data, full, epochs: 3), fileSizeLimitKiB: (small + ((large - small) / 2)) / 1024);
        Assert.True(stopped.Code == 2, stopped.Error);
        Assert.Contains($"cannot write the checkpoint in {full}", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("the previous checkpoint is kept", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(2, CheckpointFile.Read(full).State.CompletedEpochs);
        Assert.Empty(Directory.GetFiles(full, "*.tmp"));

        Assert.Equal(0, RunToEnd(["train", "--resume", full]).Code);
        var expected = Result.Of(three);
        var actual = Result.Of(full);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Weights, actual.Weights);
    }

    private static string[] Args(string data, string output, int epochs = Epochs) =>
        ["train", "--data", data, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", "32", "--seed", "5", "--threads", "1",
         "--schedule", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=2, eta_min=0.001)", "--snapshots", "2", "--swa", "--out", output];

    /// <summary>Waits until the <paramref name="target"/>-th checkpoint write has its temporary file (or the child ended).</summary>
    private static bool WaitForCheckpointWrite(Process child, string folder, int target)
    {
        var seen = 0;
        var visible = false;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < ChildTimeout && !child.HasExited)
        {
            var now = Directory.Exists(folder) && Directory.GetFiles(folder, ".checkpoint.bin.*.tmp").Length > 0;
            if (now && !visible && ++seen == target)
            {
                return true;
            }

            visible = now;
            Thread.Sleep(2);
        }

        return false;
    }

    private static Process Start(string[] args, int pauseMs)
    {
        var start = ChildCli.StartInfo(args);
        start.Environment[CheckpointFile.PauseVariable] = pauseMs > 0 ? pauseMs.ToString(CultureInfo.InvariantCulture) : null;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static (int Code, string Error) RunToEnd(string[] args, long? fileSizeLimitKiB = null)
    {
        // With a limit: ignored signals survive exec, so writes past it fail with EFBIG instead of killing the
        // process; W^X is off because the runtime's double-mapped code memory is a file the limit would also cap.
        var start = ChildCli.StartInfo(args, fileSizeLimitKiB is { } limit ? FormattableString.Invariant($"trap '' XFSZ; ulimit -f {limit}; exec dotnet \"$@\"") : null);
        if (fileSizeLimitKiB is not null)
        {
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(ChildTimeout), "train did not finish in time");
        return (process.ExitCode, error.Result + output.Result);
    }

    /// <summary>What an uninterrupted and a resumed run must share: every step, the epoch metrics without timings, the cycle ends, the weights.</summary>
    private sealed record Result(int CompletedEpochs, string Steps, string[] Epochs, string CycleEnds, float[][] Weights)
    {
        public static Result Of(string folder)
        {
            var checkpoint = CheckpointFile.Read(folder);
            var epochs = File.ReadAllLines(Path.Combine(folder, MetricsFiles.EpochsFile)).Select(line => string.Join(',', line.Split(',')[..7])).ToArray();
            return new Result(
                checkpoint.State.CompletedEpochs,
                File.ReadAllText(Path.Combine(folder, MetricsFiles.StepsFile)),
                epochs,
                File.ReadAllText(Path.Combine(folder, MetricsFiles.CycleEndsFile)),
                checkpoint.Parameters);
        }
    }
}
