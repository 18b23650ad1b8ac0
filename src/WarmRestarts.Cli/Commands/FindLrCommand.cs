using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Plotting;
using WarmRestarts.Cli.Training;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Training;
using TorchSharp;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>find-lr</c>: the learning-rate range test (Smith, arXiv 1506.01186; as fastai's <c>lr_find</c>) on a fresh,
/// seeded network: the rate rises exponentially over N batches, the loss is smoothed (bias-corrected moving average),
/// the test stops when it diverges. Prints the suggested rates with their rules and ready-to-paste specs, and draws
/// the curve (a PNG/SVG with <c>-o</c>, otherwise a text chart). Nothing is saved of the network: a later
/// <c>train</c> starts from the same weights as without it.
/// </summary>
internal sealed class FindLrCommand(CliStreams streams, DataLocations locations) : Command<FindLrCommand.Settings>
{
    internal sealed class Settings : TrainingSettings
    {
        [CommandOption("--start <RATE>")]
        [Description("The first rate. Default 1e-7.")]
        public double? Start { get; init; }

        [CommandOption("--end <RATE>")]
        [Description("The last rate. Default 10.")]
        public double? End { get; init; }

        [CommandOption("--iterations <N>")]
        [Description("Batches the rate rises over (>= 10). Default 100.")]
        public int? Iterations { get; init; }

        [CommandOption("--divergence <FACTOR>")]
        [Description("Stop when the smoothed loss exceeds FACTOR times its best. Default 4.")]
        public double? Divergence { get; init; }

        [CommandOption("--epochs <N>")]
        [Description("The run length the printed one-cycle spec is written for. Default 30.")]
        public int? Epochs { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Draw the curve to a .png or .svg file (otherwise a text chart on the terminal).")]
        public string? Output { get; init; }

        public override ValidationResult Validate()
        {
            if (Epochs is < 1 or > 100_000)
            {
                return ValidationResult.Error($"--epochs must be between 1 and 100000, but was {Epochs}; give e.g. --epochs 30");
            }

            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchEnvironment.PreferPassiveWaiting();
        var defaults = new RangeTestOptions();
        var range = defaults with
        {
            StartRate = settings.Start ?? defaults.StartRate,
            EndRate = settings.End ?? defaults.EndRate,
            Iterations = settings.Iterations ?? defaults.Iterations,
            DivergenceFactor = settings.Divergence ?? defaults.DivergenceFactor,
        };
        var options = settings.Apply(new TrainerOptions());
        if ((range.Problem() ?? options.Problem()) is { } problem)
        {
            throw new CliUsageException(problem);
        }

        if (settings.Output is { } target && Path.GetExtension(target).ToLowerInvariant() is not (".png" or ".svg"))
        {
            throw new CliUsageException($"-o must name a .png or .svg file, but was '{target}'");
        }

        var data = settings.ResolveData(locations);
        var (train, test) = data.Load();
        test.Dispose();
        using (train)
        {
            torch.set_num_threads(options.Threads);
            torch.random.manual_seed(options.Seed);
            using var model = Models.Create(options.Model, train.Rows, train.Columns, train.Classes);
            var console = streams.Console;
            console.WriteLine(FormattableString.Invariant($"range test: {range.Iterations} batches of {options.BatchSize}, rate {range.StartRate:G3} → {range.EndRate:G3} (exponential), {TrainCommand.Lower(options.Model)} on {data}, {TrainCommand.Lower(options.Optimizer)} momentum {options.Momentum:R} weight decay {options.WeightDecay:R}, seed {options.Seed}"));
            var result = RangeTest.Run(model, train, options, range);
            var stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
            Report(console, streams.Out, result, range, settings.Epochs ?? 30, stepsPerEpoch);
            Draw(result, settings.Output);
        }

        return CliApp.Ok;
    }

    /// <summary>The specs printed for a result, each ready to paste after <c>train</c> or into <c>compare --schedules</c>.</summary>
    /// <param name="result">The range test.</param>
    /// <param name="epochs">The planned run length.</param>
    /// <param name="stepsPerEpoch">Batches per epoch of the planned run.</param>
    /// <returns>(What it is, the command-line arguments or spec.)</returns>
    public static IReadOnlyList<(string What, string Text)> Specs(RangeTestResult result, int epochs, long stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(result);
        var floor = Number(result.Floor);
        var peak = Number(result.Peak);
        return
        [
            ("SGDR (torch spec, peak = --lr)", $"--lr {peak} --schedule \"torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min={floor})\""),
            ("warm restarts (native spec)", $"--schedule \"warm_restarts(peak={peak}, floor={floor}, first_cycle=2, cycle_growth=2)\""),
            ("cyclic (triangular, 2-epoch half cycles)", FormattableString.Invariant($"--schedule \"torch.CyclicLR(base_lr={floor}, max_lr={peak}, step_size_up={2 * stepsPerEpoch})\"")),
            ("one-cycle", FormattableString.Invariant($"--schedule \"torch.OneCycleLR(max_lr={Number(result.OneCycleMax)}, epochs={epochs}, steps_per_epoch={stepsPerEpoch})\"")),
        ];
    }

    private static void Report(IAnsiConsole console, TextWriter output, RangeTestResult result, RangeTestOptions range, int epochs, long stepsPerEpoch)
    {
        var last = result.Points[^1];
        console.WriteLine(result.Diverged
            ? FormattableString.Invariant($"stopped after {result.Points.Count} batches at rate {last.LearningRate:G3}: the smoothed loss {last.SmoothedLoss:G4} passed {range.DivergenceFactor:R} × its best")
            : FormattableString.Invariant($"ran all {result.Points.Count} batches without diverging (the end rate may be too low to find the edge: raise --end)"));
        var table = new Table().AddColumn("suggestion").AddColumn("rate").AddColumn("rule");
        table.AddRow("cyclic / warm restarts: max (peak, η_max)", Number(result.Peak), "steepest descent of the smoothed loss against log(rate), before its minimum");
        table.AddRow("cyclic / warm restarts: min (floor, η_min)", Number(result.Floor), "where the smoothed loss first fell 1% below its start (at most max/4)");
        table.AddRow("one-cycle: max_lr", Number(result.OneCycleMax), "rate at the minimum smoothed loss / 10");
        table.AddRow("(minimum of the smoothed loss)", Number(result.MinimumRate), string.Empty);
        console.Write(table);

        // Raw text, never wrapped, so that the lines can be copied as they are.
        output.WriteLine("ready to paste (after warmrestarts train, or as compare --schedules values):");
        foreach (var (what, text) in Specs(result, epochs, stepsPerEpoch))
        {
            output.WriteLine($"  {what}:");
            output.WriteLine($"    {text}");
        }
    }

    private void Draw(RangeTestResult result, string? output)
    {
        var rates = result.Points.Select(p => p.LearningRate).ToArray();
        // The losses are clipped at 1.25 × the start so that the divergence at the end does not flatten the part that matters.
        var ceiling = 1.25 * result.Points[0].SmoothedLoss;
        double Clip(double loss) => double.IsFinite(loss) ? Math.Min(loss, ceiling) : ceiling;
        var shown = result.Points.Select(p => Clip(p.SmoothedLoss)).ToArray();
        if (output is null)
        {
            // x: the batch, i.e. log(rate); ^ marks the peak, ' the floor and the one-cycle max.
            streams.Out.WriteLine(FormattableString.Invariant($"smoothed loss (clipped at {ceiling:G4}) against the batch; the rate rises from {rates[0]:G3} to {rates[^1]:G3}:"));
            streams.Out.Write(TextChart.Render(shown, 1, [Index(rates, result.Peak)], [Index(rates, result.Floor), Index(rates, result.OneCycleMax)], "batch", "max (peak) " + Number(result.Peak), "min (floor) " + Number(result.Floor) + " and one-cycle max_lr " + Number(result.OneCycleMax)));
            return;
        }

        var x = rates.Select(Math.Log10).ToArray();
        FilePlot.SaveLines(
            output,
            "learning-rate range test (dashed: floor, one-cycle max, peak)",
            "log10(learning rate)",
            FormattableString.Invariant($"loss (clipped at {ceiling:G4})"),
            [new("batch loss", x, [.. result.Points.Select(p => Clip(p.Loss))], MarkersOnly: true), new("smoothed loss", x, shown)],
            [Math.Log10(result.Floor), Math.Log10(result.Peak), Math.Log10(result.OneCycleMax)]);
        streams.Console.WriteLine($"curve: {Path.GetFullPath(output)}");
    }

    private static int Index(double[] rates, double rate)
    {
        var best = 0;
        for (var i = 1; i < rates.Length; i++)
        {
            if (Math.Abs(Math.Log(rates[i] / rate)) < Math.Abs(Math.Log(rates[best] / rate)))
            {
                best = i;
            }
        }

        return best;
    }

    private static string Number(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
