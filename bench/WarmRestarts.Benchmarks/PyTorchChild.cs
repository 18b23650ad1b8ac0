using System.Diagnostics;

namespace WarmRestarts.Benchmarks;

/// <summary>Runs a PyTorch script of <c>bench/</c> as a child process with the settings' Python and libraries, and returns its last output line.</summary>
internal static class PyTorchChild
{
    /// <summary>Starts <paramref name="arguments"/> (the script first) with <c>OMP_WAIT_POLICY=PASSIVE</c>, without this process's
    /// <c>LD_PRELOAD</c> (a preload meant for libtorch here, e.g. the MKL dispatch shim, is not PyTorch's), and with
    /// <see cref="TrainerSpeed.Settings.PyTorchLibraryPath"/> in front of <c>LD_LIBRARY_PATH</c>.</summary>
    /// <param name="settings">The Python and the library path.</param>
    /// <param name="arguments">The script and its arguments.</param>
    /// <returns>The last non-empty line the script printed.</returns>
    /// <exception cref="InvalidOperationException">The process could not start or exited with an error.</exception>
    public static string LastLine(TrainerSpeed.Settings settings, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(settings.Python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        start.Environment.Remove("LD_PRELOAD");
        if (settings.PyTorchLibraryPath is { } libraries)
        {
            var current = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            start.Environment["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(current) ? libraries : libraries + ":" + current;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {settings.Python}");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{settings.Python} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}");
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
    }
}
