using System.ComponentModel;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Inspection;
using WarmRestarts.Cli.Plotting;
using WarmRestarts.Cli.Running;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>plot SPEC --steps N [--steps-per-epoch M] [-o FILE.png|FILE.svg]</c>: the rates at t = 0..N-1 with restarts
/// and milestones marked; a PNG/SVG file (all groups) or, without <c>-o</c>, a text chart (group 0).
/// </summary>
internal sealed class PlotCommand(CliStreams streams) : Command<PlotCommand.Settings>
{
    /// <summary>The most steps a plot evaluates.</summary>
    public const long MaxPlotSteps = 2_000_000;

    internal sealed class Settings : SpecSettings
    {
        [CommandOption("--steps-per-epoch <M>")]
        [TypeConverter(typeof(Options.StepsPerEpochConverter))]
        [Description("Label the x axis in epochs: x = step / M (fractional).")]
        public long? StepsPerEpoch { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Write a .png or .svg file instead of the text chart.")]
        public string? Output { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (StepsPerEpoch is < 1)
            {
                return Spectre.Console.ValidationResult.Error($"--steps-per-epoch must be at least 1, but was {StepsPerEpoch}; give the number of steps per epoch, e.g. --steps-per-epoch 469");
            }

            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = SpecInput.Parse(settings.Spec!);
        var steps = settings.Steps!.Value;
        if (SpecInput.CheckSteps(steps, definition) is { } stepsError)
        {
            throw new CliUsageException(stepsError);
        }

        if (steps > MaxPlotSteps)
        {
            throw new CliUsageException($"plot draws at most {MaxPlotSteps} steps, but {steps} were asked; plot fewer steps");
        }

        var run = new RateRun(definition, SpecInput.BaseRates(settings.Lr, settings.Lrs, definition));
        var groups = Enumerable.Range(0, run.GroupCount).Select(_ => new double[steps]).ToArray();
        run.ForEachStep(steps, null, (k, rates, _) =>
        {
            for (var g = 0; g < rates.Count; g++)
            {
                groups[g][k] = rates[g];
            }
        });

        var schedule = run.Rates[0];
        var cycles = CycleTable.Cycles(schedule, steps, 100_000);
        var restarts = CycleTable.Restarts(cycles, steps);
        var milestones = ScheduleInspector.Milestones(schedule, steps - 1).Select(m => m.At).Where(m => !restarts.Contains(m)).ToList();
        var xScale = settings.StepsPerEpoch is { } m ? 1.0 / m : 1.0;
        var unit = settings.StepsPerEpoch is null ? "step" : "epoch";

        if (settings.Output is { } path)
        {
            FilePlot.Save(path, definition.Spec, groups, xScale, unit, restarts, milestones);
            streams.Out.WriteLine($"wrote {path}");
        }
        else
        {
            streams.Out.WriteLine(definition.Spec);
            streams.Out.Write(TextChart.Render(groups[0], xScale, restarts, milestones, unit));
        }

        return CliApp.Ok;
    }
}
