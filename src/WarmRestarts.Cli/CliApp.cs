using Spectre.Console.Cli;
using WarmRestarts.Cli.Commands;
using WarmRestarts.Cli.Training;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli;

/// <summary>Builds the <c>warmrestarts</c> command app: used by Program.cs and, with test streams, by the tests.</summary>
internal static class CliApp
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal error.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: spec, option, value or file.</summary>
    public const int BadInput = 2;

    public static CommandApp Create(CliStreams streams, DataLocations? data = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("warmrestarts");
            config.ConfigureConsole(streams.Console);
            config.Settings.Registrar.RegisterInstance(streams);
            config.Settings.Registrar.RegisterInstance(data ?? DataLocations.Default);
            config.Settings.PropagateExceptions = false;
            config.Settings.StrictParsing = true;
            config.SetExceptionHandler((exception, _) => Report(streams, exception));

            // One line per command.
            config.AddCommand<ValuesCommand>("values").WithDescription("Rates of each parameter group at steps 0..N-1 (table, csv, json), or --batch JSON lines on stdin.");
            config.AddCommand<PlotCommand>("plot").WithDescription("The rate curve with restarts and milestones: a PNG/SVG file, or a text chart in the terminal.");
            config.AddCommand<TrainCommand>("train").WithDescription("Train a network with a schedule (default: SGDR on embedded Fashion-MNIST): progress, results table, metrics, plots, checkpoints.");
            config.AddCommand<CompareCommand>("compare").WithDescription("Train several schedules on the same seeds (paired) and write report.md and report.html: accuracy with CIs, anytime curve, epochs to target, ensembles, cost.");
            config.AddCommand<FindLrCommand>("find-lr").WithDescription("Learning-rate range test: suggested min/max for cyclic and warm-restart schedules and max_lr for one-cycle, the curve, ready-to-paste specs.");
            config.AddCommand<DescribeCommand>("describe").WithDescription("Cycles or milestones of a spec over a run, with lint warnings and their fixes.");
        });
        return app;
    }

    /// <summary>Writes the one-line message for an error and gives its exit code: 2 for bad input, 1 for anything else.</summary>
    internal static int Report(CliStreams streams, Exception exception)
    {
        var (code, message) = Classify(exception);
        streams.Error.WriteLine(OneLine(message));
        if (streams.ShowCaret && Unwrap(exception) is SpecException { Position: >= 0 } spec && spec.Data["spec"] is string text)
        {
            foreach (var line in spec.Caret(text).Split('\n'))
            {
                streams.Error.WriteLine("  " + line);
            }
        }

        return code;
    }

    internal static (int Code, string Message) Classify(Exception exception)
    {
        var error = Unwrap(exception);
        return error switch
        {
            SpecException => (BadInput, "bad spec: " + error.Message),
            CliUsageException or ScheduleArgumentException or TrainingException => (BadInput, error.Message),
            CommandAppException => (BadInput, error.Message.Contains("; ", StringComparison.Ordinal) ? error.Message : error.Message.TrimEnd('.') + "; see warmrestarts --help (or warmrestarts COMMAND --help)"),
            IOException or UnauthorizedAccessException => (BadInput, error.Message),
            _ => (InternalError, $"internal error ({error.GetType().Name}): {error.Message}"),
        };
    }

    /// <summary>Collapses a message to one line.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Unwrap(Exception exception)
    {
        var error = exception;
        while (error is System.Reflection.TargetInvocationException or AggregateException && error.InnerException is not null)
        {
            error = error.InnerException;
        }

        // An option converter's own message (Options/OptionConverters.cs) beats Spectre's "Failed to convert".
        for (var inner = error.InnerException; error is CommandAppException && inner is not null; inner = inner.InnerException)
        {
            if (inner is CliUsageException)
            {
                return inner;
            }
        }

        return error;
    }
}
