using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Inspection;
using WarmRestarts.Cli.Running;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>describe SPEC --steps N</c>: the restart cycles over the run (index, start, length, peak, floor) or, for
/// schedules without restarts, their milestones; then lint warnings, each with its fix. Group 0 is described.
/// </summary>
internal sealed class DescribeCommand(CliStreams streams) : Command<DescribeCommand.Settings>
{
    /// <summary>The most cycles or milestones listed.</summary>
    public const int MaxRows = 1000;

    internal sealed class Settings : SpecSettings
    {
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = SpecInput.Parse(settings.Spec!);
        var steps = settings.Steps!.Value;
        if (SpecInput.CheckSteps(steps, definition) is { } stepsError)
        {
            throw new CliUsageException(stepsError);
        }

        var run = new RateRun(definition, SpecInput.BaseRates(settings.Lr, settings.Lrs, definition));
        var schedule = run.Rates[0];
        var console = streams.Console;
        console.WriteLine(definition.Spec);
        var unit = definition.Unit is { } u ? u.ToString().ToLowerInvariant() : "steps (native specs: the caller's unit)";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run: t = 0..{steps - 1} ({steps} points), unit: {unit}, groups: {run.GroupCount}"));

        var cycles = CycleTable.Cycles(schedule, steps, MaxRows);
        if (cycles.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("cycles");
            foreach (var header in new[] { "cycle", "start", "length", "peak", "floor" })
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            foreach (var cycle in cycles)
            {
                table.AddRow(
                    cycle.IsPastLimit ? "limit" : cycle.Index.ToString(CultureInfo.InvariantCulture),
                    Show(cycle.Start),
                    cycle.IsPastLimit ? "(floor holds)" : Show(cycle.Length),
                    Show(cycle.Peak),
                    Show(cycle.Floor));
            }

            console.Write(table);
            if (cycles.Count >= MaxRows)
            {
                console.WriteLine($"(first {MaxRows} cycles shown)");
            }
        }
        else
        {
            var milestones = ScheduleInspector.Milestones(schedule, steps - 1, MaxRows);
            if (milestones.Count == 0)
            {
                console.WriteLine("no restarts or milestones within the run");
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).Title("milestones");
                table.AddColumn(new TableColumn("at").RightAligned());
                table.AddColumn("what");
                table.AddColumn(new TableColumn("rate after").RightAligned());
                foreach (var milestone in milestones)
                {
                    // The rate just past the milestone: a boundary that still belongs to the segment before it (Keras'
                    // PiecewiseConstantDecay) changes the rate only after it.
                    table.AddRow(Show(milestone.At), Markup.Escape(milestone.What), Show(schedule.Evaluate(Math.BitIncrement(milestone.At))));
                }

                console.Write(table);
            }
        }

        // Fixes name the first cycle's length as the spec's library does, so the suggestion can be pasted back.
        var firstCycleName = definition.Origin switch
        {
            SpecOrigin.Torch => "T_0",
            SpecOrigin.Timm => "t_initial",
            SpecOrigin.Keras => "first_decay_steps",
            _ => "first_cycle",
        };
        var warnings = Linter.Check(schedule, steps, cycles, firstCycleName);
        if (warnings.Count == 0)
        {
            console.WriteLine("lint: no warnings");
        }

        foreach (var warning in warnings)
        {
            console.WriteLine($"warning [{warning.Code}]: {warning.Problem}");
            console.WriteLine($"  fix: {warning.Fix}");
        }

        return CliApp.Ok;
    }

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
