using System.Diagnostics;

namespace WarmRestarts.Cli.Tests;

/// <summary>
/// A write that fails for lack of room, simulated with a file-size limit (<c>ulimit -f</c>, SIGXFSZ ignored, so the
/// write fails with EFBIG as it would with ENOSPC): bad input (exit 2) with a one-line message, the earlier file kept.
/// </summary>
public sealed class FileSizeLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wr-fsize-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task A_plot_past_the_file_size_limit_exits_2_and_keeps_the_earlier_file(string extension)
    {
        var path = Path.Combine(_folder, "old." + extension);
        File.WriteAllText(path, "the previous plot");
        var start = ChildCli.StartInfo(["plot", "torch.CosineAnnealingWarmRestarts(T_0=10)", "--steps", "100", "-o", path], "trap '' XFSZ; ulimit -f 8; exec dotnet \"$@\"");
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0"; // the runtime's double-mapped code memory is a file the limit would cap
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var outputTask = process.StandardOutput.ReadToEndAsync();
        var errorTask = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (output, error) = (await outputTask, await errorTask);

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {error}{output}");
        var line = Assert.Single(lines);
        Assert.StartsWith($"cannot write {path}: ", line, StringComparison.Ordinal);
        Assert.Contains("file-size limit", line, StringComparison.Ordinal);
        Assert.Contains("choose another folder", line, StringComparison.Ordinal);
        Assert.Equal("the previous plot", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }
}
