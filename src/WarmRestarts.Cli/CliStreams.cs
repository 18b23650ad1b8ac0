using System.Text;
using Spectre.Console;

namespace WarmRestarts.Cli;

/// <summary>
/// Where the commands read and write: raw text output (CSV, JSON, batch answers, text charts) goes through
/// <see cref="Out"/>, a buffered writer; tables go through <see cref="Console"/>; errors through <see cref="Error"/>.
/// Tests give string writers and a Spectre test console.
/// </summary>
internal sealed class CliStreams(TextReader input, TextWriter output, TextWriter error, IAnsiConsole console, bool showCaret, bool interactive = false)
{
    public TextReader In { get; } = input;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Console { get; } = console;

    /// <summary>Whether a spec error adds the spec and a caret under the position as two lines after the one-line message.</summary>
    public bool ShowCaret { get; } = showCaret;

    /// <summary>Whether standard output is a terminal: live progress bars instead of plain lines (train).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>The process's streams: standard output buffered (64 KiB, UTF-8 without BOM), caret lines only when stderr is a terminal, progress bars only when stdout is.</summary>
    public static CliStreams ForProcess()
    {
        var stdout = new StreamWriter(System.Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        var stdin = new StreamReader(System.Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16);
        return new CliStreams(stdin, stdout, System.Console.Error, AnsiConsole.Console, !System.Console.IsErrorRedirected, !System.Console.IsOutputRedirected);
    }

    /// <summary>Flushes the buffered output; a closed pipe (the reader went away) is not an error.</summary>
    public int Finish(int exitCode)
    {
        try
        {
            Out.Flush();
        }
        catch (IOException)
        {
        }

        return exitCode;
    }
}
