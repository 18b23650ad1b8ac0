using Spectre.Console;
using Spectre.Console.Rendering;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>A console that passes everything to another and cancels a token once a written text contains a marker (a stand-in for Ctrl+C at a known point).</summary>
internal sealed class CancellingConsole(IAnsiConsole inner, string marker, CancellationTokenSource cancellation) : IAnsiConsole
{
    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable)
    {
        inner.Write(renderable);
        var options = RenderOptions.Create(inner, inner.Profile.Capabilities);
        if (string.Concat(renderable.Render(options, 1000).Select(segment => segment.Text)).Contains(marker, StringComparison.Ordinal))
        {
            cancellation.Cancel();
        }
    }

    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);
}
