using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Output;
using WarmRestarts.Cli.Running;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>values SPEC --steps N</c>: each group's rate at t = 0..N-1 as a table, CSV or JSON; <c>values --batch</c>:
/// the JSON-lines protocol of <see cref="BatchRunner"/> on standard input.
/// </summary>
internal sealed class ValuesCommand(CliStreams streams) : Command<ValuesCommand.Settings>
{
    /// <summary>The most rows the table format shows (CSV and JSON stream any count up to the step cap).</summary>
    public const int MaxTableRows = 100_000;

    internal sealed class Settings : SpecSettings
    {
        [CommandOption("--metrics <VALUES>")]
        [Description("Metrics for reduce-on-plateau specs, comma-separated: metric k is reported before step k+1.")]
        public string? Metrics { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table (default), csv or json.")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("--momentum")]
        [Description("Also give the momentum of each group (specs that cycle momentum: torch.CyclicLR, torch.OneCycleLR).")]
        public bool Momentum { get; init; }

        [CommandOption("--batch")]
        [Description("Read JSON lines from standard input ({\"spec\": ..., \"steps\": N, \"base_lrs\": [...], \"metrics\": [...], \"at\": [...]}) and answer one JSON line each.")]
        public bool Batch { get; init; }

        protected override bool SpecOptional => Batch;

        public override ValidationResult Validate()
        {
            if (Batch && (Spec is not null || Steps is not null || Lr is not null || Lrs is not null || Metrics is not null || Momentum))
            {
                return ValidationResult.Error("--batch reads everything from standard input; drop SPEC and the other options");
            }

            if (Format is not ("table" or "csv" or "json"))
            {
                return ValidationResult.Error($"--format must be table, csv or json, but was '{Format}'; give e.g. --format csv");
            }

            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Batch)
        {
            new BatchRunner(streams.Out).Run(streams.In);
            return CliApp.Ok;
        }

        var definition = SpecInput.Parse(settings.Spec!);
        var steps = settings.Steps!.Value;
        if (SpecInput.CheckSteps(steps, definition) is { } stepsError)
        {
            throw new CliUsageException(stepsError);
        }

        var run = new RateRun(definition, SpecInput.BaseRates(settings.Lr, settings.Lrs, definition));
        var metrics = settings.Metrics is null ? null : SpecInput.Numbers(settings.Metrics, "--metrics");
        if (run.CheckMetrics(metrics, steps) is { } metricsError)
        {
            throw new CliUsageException(metricsError);
        }

        if (settings.Momentum && run.Momenta is null)
        {
            throw new CliUsageException($"--momentum: {definition.Spec} does not cycle momentum; drop --momentum");
        }

        var momentum = settings.Momentum;
        switch (settings.Format)
        {
            case "csv":
                WriteCsv(run, steps, metrics, momentum);
                break;
            case "json":
                WriteJson(run, steps, metrics, momentum);
                break;
            default:
                WriteTable(run, steps, metrics, momentum);
                break;
        }

        return CliApp.Ok;
    }

    private void WriteCsv(RateRun run, long steps, double[]? metrics, bool momentum)
    {
        var output = streams.Out;
        output.Write("step");
        for (var g = 0; g < run.GroupCount; g++)
        {
            output.Write(",group" + g);
        }

        for (var g = 0; momentum && g < run.GroupCount; g++)
        {
            output.Write(",momentum" + g);
        }

        output.Write('\n');
        run.ForEachStep(steps, metrics, (k, rates, momenta) =>
        {
            output.Write(k);
            foreach (var rate in rates)
            {
                output.Write(',');
                NumberText.Write(output, rate);
            }

            if (momentum)
            {
                foreach (var value in momenta!)
                {
                    output.Write(',');
                    NumberText.Write(output, value);
                }
            }

            output.Write('\n');
        });
    }

    private void WriteJson(RateRun run, long steps, double[]? metrics, bool momentum)
    {
        var output = streams.Out;
        output.Write("{\"spec\":");
        output.Write(NumberText.JsonString(run.Definition.Spec));
        output.Write(",\"lrs\":");
        var rows = new NumberText.JsonRows(output);
        rows.Begin();
        List<double[]>? momentumRows = momentum ? [] : null;
        run.ForEachStep(steps, metrics, (_, rates, momenta) =>
        {
            rows.Row(rates);
            momentumRows?.Add([.. momenta!]);
        });
        rows.End();
        if (momentumRows is not null)
        {
            output.Write(",\"momentum\":");
            var momentumWriter = new NumberText.JsonRows(output);
            momentumWriter.Begin();
            momentumRows.ForEach(momentumWriter.Row);
            momentumWriter.End();
        }

        output.Write("}\n");
    }

    private void WriteTable(RateRun run, long steps, double[]? metrics, bool momentum)
    {
        if (steps > MaxTableRows)
        {
            throw new CliUsageException($"the table shows at most {MaxTableRows} rows, but {steps} steps were asked; use --format csv or --format json");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("step").RightAligned());
        for (var g = 0; g < run.GroupCount; g++)
        {
            table.AddColumn(new TableColumn(run.GroupCount == 1 ? "lr" : "lr " + g).RightAligned());
        }

        for (var g = 0; momentum && g < run.GroupCount; g++)
        {
            table.AddColumn(new TableColumn(run.GroupCount == 1 ? "momentum" : "momentum " + g).RightAligned());
        }

        run.ForEachStep(steps, metrics, (k, rates, momenta) =>
        {
            var cells = new List<string> { k.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(rates.Select(TableNumber));
            if (momentum)
            {
                cells.AddRange(momenta!.Select(TableNumber));
            }

            table.AddRow([.. cells]);
        });
        streams.Console.WriteLine(run.Definition.Spec);
        streams.Console.Write(table);
    }

    /// <summary>Table cells: 6 significant digits (CSV and JSON are exact).</summary>
    internal static string TableNumber(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
