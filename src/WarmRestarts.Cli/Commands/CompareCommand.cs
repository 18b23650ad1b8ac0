using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Experiments;
using WarmRestarts.Cli.Running;
using WarmRestarts.Cli.Training;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>compare</c>: trains every schedule on the same seeds (paired: same initial weights and data order per seed), one
/// run at a time, then writes report.md and a self-contained report.html to the output folder: final test accuracy
/// (mean, std, paired 95% interval of the difference to the first schedule), the anytime curve, epochs to a target
/// with the median speed-up, snapshot-ensemble accuracy and gain, CPU seconds per epoch. Each finished run is stored
/// in the folder; the same command with the same <c>--out</c> skips finished runs and resumes a stopped one.
/// </summary>
internal sealed class CompareCommand(CliStreams streams, DataLocations locations) : Command<CompareCommand.Settings>
{
    private const int PlainWidth = 200;

    internal sealed class Settings : TrainingSettings
    {
        [CommandOption("--schedules <SPEC>")]
        [Description("The schedules as spec text, the first being the baseline: --schedules \"SPEC1\" \"SPEC2\" ... (at least two).")]
        public string[] Schedules { get; init; } = [];

        [CommandArgument(0, "[SPEC]")]
        [Description("More schedules (the values after --schedules).")]
        public string[] MoreSchedules { get; init; } = [];

        [CommandOption("--seeds <K>")]
        [Description("Seeds per schedule (the paired runs), from --seed on. Default 3.")]
        public int? Seeds { get; init; }

        [CommandOption("--epochs <N>")]
        [Description("Epochs per run. Default 14.")]
        public int? Epochs { get; init; }

        [CommandOption("--snapshots <M>")]
        [Description("Cycle-end snapshots kept for the snapshot ensemble. Default 3.")]
        public int? Snapshots { get; init; }

        [CommandOption("--target <ACCURACY>")]
        [Description("The test accuracy (a fraction, e.g. 0.87) for epochs-to-target. Default: the first schedule's mean final accuracy.")]
        public double? Target { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("The comparison's folder. Default: a new folder under runs/. Give the same folder again to continue an interrupted comparison.")]
        public string? Out { get; init; }

        public IReadOnlyList<string> AllSchedules => [.. Schedules, .. MoreSchedules];

        public override ValidationResult Validate()
        {
            if (AllSchedules.Count < 2)
            {
                return ValidationResult.Error($"--schedules needs at least two specs to compare, but got {AllSchedules.Count}; give e.g. --schedules \"torch.CosineAnnealingLR(T_max=14)\" \"torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2)\"");
            }

            if (AllSchedules.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
            {
                return ValidationResult.Error("--schedules holds an empty spec; give every schedule as spec text");
            }

            if (Seeds is < 1 or > 1000)
            {
                return ValidationResult.Error($"--seeds must be between 1 and 1000, but was {Seeds}; give e.g. --seeds 3 (paired intervals need 2 or more)");
            }

            if (Epochs is < 1 or > 100_000)
            {
                return ValidationResult.Error($"--epochs must be between 1 and 100000, but was {Epochs}; give e.g. --epochs 14");
            }

            if (Snapshots is < 0 or > 1000)
            {
                return ValidationResult.Error($"--snapshots must be between 0 and 1000, but was {Snapshots}; give e.g. --snapshots 3");
            }

            if (Target is { } target && !(target > 0 && target <= 1))
            {
                return ValidationResult.Error($"--target must be an accuracy in (0, 1], but was {target.ToString("R", CultureInfo.InvariantCulture)}; give e.g. --target 0.87");
            }

            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchEnvironment.PreferPassiveWaiting();
        var specs = settings.AllSchedules;
        if (specs.Distinct(StringComparer.Ordinal).Count() != specs.Count)
        {
            throw new CliUsageException("--schedules names the same spec twice; give every schedule once");
        }

        var epochs = settings.Epochs ?? 14;
        foreach (var spec in specs)
        {
            _ = SpecInput.Parse(spec); // a bad spec fails before anything trains
        }

        var arms = specs.Select(spec => new ExperimentArm(spec, spec, epochs)).ToArray();
        var options = settings.Apply(new TrainerOptions { Snapshots = settings.Snapshots ?? 3 });
        if (options.Problem() is { } problem)
        {
            throw new CliUsageException(problem);
        }

        var firstSeed = options.Seed;
        var seeds = Enumerable.Range(0, settings.Seeds ?? 3).Select(i => firstSeed + i).ToArray();
        var output = settings.Out is { } o ? Path.GetFullPath(o) : RunFolder.NewUnder(RunFolder.DefaultRoot, DateTime.UtcNow);
        if (File.Exists(output))
        {
            throw new CliUsageException($"--out must name a folder, but {output} is a file; give a folder");
        }

        var runner = new ExperimentRunner(options, arms, seeds, output);
        var data = settings.ResolveData(locations);
        var (train, test) = data.Load();
        try
        {
            var console = streams.Console;
            if (!streams.Interactive && console.Profile.Width < PlainWidth)
            {
                console.Profile.Width = PlainWidth;
            }

            string[] setup =
            [
                FormattableString.Invariant($"data: {data} ({train.Count} training, {test.Count} test images)"),
                FormattableString.Invariant($"model: {TrainCommand.Lower(options.Model)}, optimizer: {TrainCommand.Lower(options.Optimizer)} (lr {options.LearningRate:R}, momentum {options.Momentum:R}, weight decay {options.WeightDecay:R}), batch size {options.BatchSize}, {options.Threads} threads"),
                FormattableString.Invariant($"{epochs} epochs per run, seeds {string.Join(", ", seeds)}, {options.Snapshots} snapshots kept"),
                .. specs.Select((spec, i) => FormattableString.Invariant($"S{i + 1}: {spec}")),
            ];
            foreach (var line in setup)
            {
                console.WriteLine(line);
            }

            console.WriteLine($"output: {output}");
            var progress = new CompareProgress(console);
            IReadOnlyList<IReadOnlyList<RunOutcome>> outcomes;
            try
            {
                outcomes = streams.Interactive
                    ? console.Progress().AutoClear(true)
                        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            progress.Attach(ctx);
                            return runner.Run(train, test, observer: progress, cancellation: cancellationToken);
                        })
                    : runner.Run(train, test, observer: progress, cancellation: cancellationToken);
            }
            catch (OperationCanceledException)
            {
                streams.Error.WriteLine($"stopped: {progress.Finished} finished runs are kept in {output}; continue with the same command and --out {output}");
                return TrainCommand.Interrupted;
            }

            var summary = ComparisonSummary.Summarize(outcomes, settings.Target);
            ComparisonReport.Write(output, summary, [.. setup, $"written {DateTime.UtcNow:u}"]);
            var table = new Table();
            // The specs are listed above as S1, S2, …: the table leaves out the schedule column to fit the terminal.
            foreach (var header in ComparisonReport.Headers.Where((_, i) => i != 1))
            {
                table.AddColumn(Markup.Escape(header));
            }

            foreach (var row in ComparisonReport.Rows(summary))
            {
                table.AddRow([.. row.Where((_, i) => i != 1).Select(Markup.Escape)]);
            }

            console.Write(table);
            console.WriteLine($"report: {Path.Combine(output, ComparisonReport.MarkdownFile)}, {Path.Combine(output, ComparisonReport.HtmlFile)}");
            return CliApp.Ok;
        }
        finally
        {
            train.Dispose();
            test.Dispose();
        }
    }
}
