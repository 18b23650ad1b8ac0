using System.Diagnostics;

namespace WarmRestarts.Cli.Tests.Experiments;

/// <summary>Debian's chromium, headless, with a fresh profile and no network side traffic (.ci/run installs it).</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Runs chromium on <paramref name="file"/> with extra arguments (e.g. --dump-dom) and returns its standard output.</summary>
    public static string Run(string file, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing; install it with apt-get install -y chromium (.ci/run does)");
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", .. arguments, new Uri(file).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish within 2 minutes");
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {error.Result}");
            return output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
