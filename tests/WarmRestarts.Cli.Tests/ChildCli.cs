using System.Diagnostics;

namespace WarmRestarts.Cli.Tests;

/// <summary>Starts the built CLI as a child process (<c>dotnet WarmRestarts.Cli.dll ...</c>) with redirected streams.</summary>
internal static class ChildCli
{
    /// <summary>The CLI's build, which sits beside the tests because the test project references it (with its runtimeconfig).</summary>
    public static string Dll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "WarmRestarts.Cli.dll");
            Assert.True(File.Exists(dll), dll);
            return dll;
        }
    }

    /// <summary>How to run <c>dotnet WarmRestarts.Cli.dll args</c>, optionally through <c>bash -c shellPrefix</c> (the prefix ends with <c>exec dotnet "$@"</c>).</summary>
    /// <param name="args">The CLI's arguments.</param>
    /// <param name="shellPrefix">Shell commands to run first, or null to start dotnet directly.</param>
    /// <returns>The start info, all three streams redirected, OMP_WAIT_POLICY=PASSIVE.</returns>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? shellPrefix = null)
    {
        var start = new ProcessStartInfo(shellPrefix is null ? "dotnet" : "bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (shellPrefix is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(shellPrefix);
            start.ArgumentList.Add("bash");
        }

        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return start;
    }
}
