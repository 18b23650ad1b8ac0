using Spectre.Console;
using Spectre.Console.Testing;
using WarmRestarts.Cli.Training;

namespace WarmRestarts.Cli.Tests;

/// <summary>The outcome of one in-process run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error, string Console)
{
    /// <summary>Everything a user would see on standard output (raw text and Spectre output).</summary>
    public string Shown => Out + Console;

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the command app built by <see cref="CliApp.Create"/> (as Program.cs does) on captured streams.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithInput(string.Empty, args);

    public static CliResult RunWithInput(string input, params string[] args) => RunCore(input, showCaret: false, args);

    public static CliResult RunCore(string input, bool showCaret, string[] args) => RunCore(input, showCaret, args, null, null, default);

    /// <summary>A run with the given data folders; <paramref name="wrap"/> may wrap the test console (e.g. to act on what is written).</summary>
    public static CliResult RunCore(string input, bool showCaret, string[] args, DataLocations? data, Func<IAnsiConsole, IAnsiConsole>? wrap, CancellationToken cancellation)
    {
        using var console = new TestConsole();
        console.Profile.Width = 1000;
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var reader = new StringReader(input);
        var streams = new CliStreams(reader, output, error, wrap is null ? console : wrap(console), showCaret);
        var code = streams.Finish(CliApp.Create(streams, data).Run(args, cancellation));
        return new CliResult(code, output.ToString(), error.ToString(), console.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>Asserts the run failed on bad input: exit 2, one line on stderr, no stack trace, nothing on stdout.</summary>
    public static string AssertBadInput(CliResult result)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.ErrorLines;
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        return lines[0];
    }
}
