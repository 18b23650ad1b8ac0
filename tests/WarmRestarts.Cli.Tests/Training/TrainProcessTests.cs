using System.Diagnostics;
using System.Text.RegularExpressions;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary><c>train</c> as a child process: libtorch loads from the build output, and a real SIGINT (Ctrl+C) stops it between batches.</summary>
[Collection(TrainSerial.Name)]
public sealed partial class TrainProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("train-process-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ctrl_C_stops_between_batches_keeps_the_last_checkpoint_and_says_how_to_resume()
    {
        var data = TinyIdx.Create(Path.Combine(_folder, "data"), trainCount: 256, testCount: 100);
        var output = Path.Combine(_folder, "run");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "WarmRestarts.Cli.dll"), "train", "--data", data, "--epochs", "1000", "--batch-size", "32", "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var shown = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            shown.Add(line);
            if (line.StartsWith("epoch    1/1000", StringComparison.Ordinal))
            {
                using var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await signal.WaitForExitAsync();
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var errorText = await error;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {errorText} {string.Join('\n', shown)}");
        Assert.Contains(shown, l => l.StartsWith("epoch    1/1000", StringComparison.Ordinal));
        var message = Assert.Single(errorText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var match = Stopped().Match(message);
        Assert.True(match.Success, message);
        Assert.Equal(output, match.Groups["folder"].Value);
        Assert.Equal(output, match.Groups["resume"].Value);
        var completed = int.Parse(match.Groups["completed"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(completed + 1, int.Parse(match.Groups["epoch"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(completed, 1, 999);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint.bin")));
        Assert.Equal(completed + 1, File.ReadAllLines(Path.Combine(output, MetricsFiles.EpochsFile)).Length);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [GeneratedRegex(@"^stopped during epoch (?<epoch>\d+): the checkpoint after epoch (?<completed>\d+) is in (?<folder>\S+); continue with: warmrestarts train --resume (?<resume>\S+)$")]
    private static partial Regex Stopped();
}
