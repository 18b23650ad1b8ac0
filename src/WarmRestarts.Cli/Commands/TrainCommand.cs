using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Running;
using WarmRestarts.Cli.Training;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// <c>train</c>: trains a network with a learning-rate schedule (default: SGDR on the embedded Fashion-MNIST subset),
/// showing progress, then prints the test accuracy at each cycle end, the snapshot ensemble's (and SWA's) and the time
/// per epoch, and writes metrics CSVs, PNG plots, the settings and checkpoints to the output folder.
/// <c>--resume DIR</c> continues a stopped run exactly; Ctrl+C stops between batches and keeps the last checkpoint.
/// </summary>
internal sealed class TrainCommand(CliStreams streams, DataLocations locations) : Command<TrainCommand.Settings>
{
    /// <summary>The exit code after Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    private const int PlainWidth = 200;

    internal sealed class Settings : TrainingSettings
    {
        [CommandOption("--schedule <SPEC>")]
        [Description("The learning-rate schedule as spec text. Default: " + TrainerOptions.DefaultSchedule + ".")]
        public string? Schedule { get; init; }

        [CommandOption("--schedule-unit <UNIT>")]
        [Description("What the spec's lengths count: epochs (fractional, updated every batch) or steps (batches). Default: the spec's own (PyTorch and timm: epochs; Keras and optax: steps).")]
        public string? ScheduleUnit { get; init; }

        [CommandOption("--epochs <N>")]
        [TypeConverter(typeof(Options.EpochsConverter))]
        [Description("Epochs to train. Default 30 (four whole cycles of the default schedule).")]
        public int? Epochs { get; init; }

        [CommandOption("--snapshots <M>")]
        [TypeConverter(typeof(Options.SnapshotsConverter))]
        [Description("Cycle-end snapshots kept for the snapshot ensemble (Huang et al. 2017); 0 for none. Default 3.")]
        public int? Snapshots { get; init; }

        [CommandOption("--swa")]
        [Description("Also average the weights of the cycle ends (SWA, Izmailov et al. 2018) and report their accuracy.")]
        public bool Swa { get; init; }

        [CommandOption("--reset-optimizer")]
        [Description("Clear the optimizer's state (momentum, Adam moments) at every restart.")]
        public bool ResetOptimizer { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("The output folder (new or empty). Default: a new folder under runs/ named after the time; with --resume, the resumed folder.")]
        public string? Out { get; init; }

        [CommandOption("--resume <DIR>")]
        [Description("Continue the run in DIR from its last checkpoint, with its saved settings; the remaining rates and the final weights equal an uninterrupted run's.")]
        public string? Resume { get; init; }

        [CommandOption("--tensorboard")]
        [Description("Also write TensorBoard scalars (rate, loss, test accuracy) to DIR/tensorboard.")]
        public bool TensorBoard { get; init; }

        public override ValidationResult Validate()
        {
            if (Schedule is not null && string.IsNullOrWhiteSpace(Schedule))
            {
                return ValidationResult.Error("--schedule is empty; give the schedule as spec text, e.g. --schedule \"torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2)\"");
            }

            if (ScheduleUnit is not null && ParseUnit(ScheduleUnit) is null)
            {
                return ValidationResult.Error($"--schedule-unit must be epochs or steps, but was '{ScheduleUnit}'");
            }

            if (Epochs is < 1 or > 100_000)
            {
                return ValidationResult.Error($"--epochs must be between 1 and 100000, but was {Epochs}; give e.g. --epochs 30");
            }

            if (Snapshots is < 0 or > 1000)
            {
                return ValidationResult.Error($"--snapshots must be between 0 and 1000, but was {Snapshots}; give e.g. --snapshots 3, or 0 for none");
            }

            return base.Validate();
        }

        /// <summary>All options over a baseline (the defaults, or the resumed run's settings).</summary>
        /// <param name="baseline">The values of options not given.</param>
        /// <returns>The trainer options, without the output folder.</returns>
        public TrainerOptions ApplyAll(TrainerOptions baseline) => Apply(baseline) with
        {
            Schedule = Schedule is null ? baseline.Schedule : SpecInput.Parse(Schedule),
            ScheduleUnit = ScheduleUnit is null ? baseline.ScheduleUnit : ParseUnit(ScheduleUnit),
            Epochs = Epochs ?? baseline.Epochs,
            Snapshots = Snapshots ?? baseline.Snapshots,
            Swa = Swa || baseline.Swa,
            ResetOptimizerAtRestart = ResetOptimizer || baseline.ResetOptimizerAtRestart,
            TensorBoard = TensorBoard || baseline.TensorBoard,
        };

        private static ProgressUnit? ParseUnit(string text) => text.Trim().ToLowerInvariant() switch
        {
            "epochs" => ProgressUnit.Epochs,
            "steps" => ProgressUnit.Steps,
            _ => null,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Before libtorch loads: idle OpenMP threads sleep instead of spinning on the shared cores.
        TorchEnvironment.PreferPassiveWaiting();
        var resume = settings.Resume is { } r ? Path.GetFullPath(r) : null;
        var saved = resume is null ? null : RunSettings.Read(resume);
        var data = settings.ResolveData(locations, saved?.Data);
        var output = settings.Out is { } o ? Path.GetFullPath(o) : resume ?? RunFolder.NewUnder(RunFolder.DefaultRoot, DateTime.UtcNow);
        if (output != resume)
        {
            RunFolder.CheckFresh(output);
        }

        var options = settings.ApplyAll(saved?.ToOptions() ?? new TrainerOptions()) with { OutputDirectory = output };
        if (options.Problem() is { } problem)
        {
            throw new CliUsageException(problem);
        }

        var existed = Directory.Exists(output);
        var (train, test) = data.Load();
        try
        {
            var console = streams.Console;
            if (!streams.Interactive && console.Profile.Width < PlainWidth)
            {
                // Logs and pipes: one line per epoch, not wrapped at the 80 columns assumed without a terminal.
                console.Profile.Width = PlainWidth;
            }

            var progress = new TrainProgress(console, options.Schedule.RateFor(0, options.LearningRate), () => RunSettings.From(options, data).Write(output))
            {
                Unit = (options.ScheduleUnit ?? options.Schedule.Unit ?? ProgressUnit.Epochs) == ProgressUnit.Epochs ? "epoch" : "step",
            };
            using var trainer = new Trainer(options, train, test, progress);
            console.WriteLine($"schedule: {options.Schedule.Spec}");
            console.WriteLine(FormattableString.Invariant($"data: {data} ({train.Count} training, {test.Count} test images)"));
            console.WriteLine(FormattableString.Invariant($"model: {Lower(options.Model)}, optimizer: {Lower(options.Optimizer)} (lr {options.LearningRate:R}, momentum {options.Momentum:R}, weight decay {options.WeightDecay:R}), batch size {options.BatchSize}, seed {options.Seed}, {options.Threads} threads"));
            console.WriteLine($"output: {output}");

            // A run stopped (or killed) in its first epoch has its settings but no checkpoint yet: it starts over.
            var resumeFrom = resume is not null && Trainer.HasCheckpoint(resume) ? resume : null;
            if (resume is not null && resumeFrom is null)
            {
                console.WriteLine("no checkpoint yet (the run stopped in its first epoch): starting from epoch 1");
            }

            TrainingResult result;
            try
            {
                result = streams.Interactive ? RunWithBars(console, trainer, progress, resumeFrom, cancellationToken) : trainer.Run(resumeFrom, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (progress.CompletedEpochs > 0)
                {
                    streams.Error.WriteLine($"stopped during epoch {progress.CompletedEpochs + 1}: the checkpoint after epoch {progress.CompletedEpochs} is in {output}; continue with: warmrestarts train --resume {output}");
                }
                else
                {
                    if (!existed)
                    {
                        // Only this run's settings are in the folder: nothing worth keeping.
                        Directory.Delete(output, recursive: true);
                    }

                    streams.Error.WriteLine("stopped during the first epoch, before any checkpoint; nothing was kept: start again");
                }

                return Interrupted;
            }

            // Also when nothing was left to train (a finished run resumed into a new folder): the folder shows the whole run.
            MetricsFiles.Write(output, result.Epochs, result.CycleEnds, result.Steps);
            RunPlots.Write(output, options.Schedule.Spec, result);
            RunReport.Write(console, result, options, output);
            return CliApp.Ok;
        }
        catch when (!existed)
        {
            RunFolder.RemoveIfEmpty(output);
            throw;
        }
        finally
        {
            train.Dispose();
            test.Dispose();
        }
    }

    internal static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static TrainingResult RunWithBars(IAnsiConsole console, Trainer trainer, TrainProgress progress, string? resume, CancellationToken cancellationToken) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                progress.Attach(context);
                return trainer.Run(resume, cancellationToken);
            });
}
