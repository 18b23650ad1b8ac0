using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// Trains every arm on every seed, one run at a time, paired: for a given seed every schedule starts from the same
/// weights and sees the same data order (the <see cref="Trainer"/> derives both from the seed alone). Runs go
/// seed by seed, so an interrupted comparison has complete seeds. Each run trains in
/// <c>DIR/runs/NN-label/seed-S</c>; its outcome is written there atomically when it finishes (<see cref="OutcomeFile"/>),
/// and a later call skips it. A run interrupted part-way resumes from its checkpoint — unless a validation set or
/// fixed-epoch snapshots are measured, which the checkpoint does not keep; then it restarts from the beginning.
/// </summary>
public sealed class ExperimentRunner
{
    /// <summary>The file a finished run's outcome is stored in.</summary>
    public const string OutcomeFile = "outcome.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly TrainerOptions _template;
    private readonly IReadOnlyList<ExperimentArm> _arms;
    private readonly IReadOnlyList<long> _seeds;
    private readonly string _output;

    /// <summary>Plans a comparison.</summary>
    /// <param name="template">Everything but the schedule, epochs, seed and output folder, which each run sets.</param>
    /// <param name="arms">The schedules; the first is the baseline of the paired differences. Labels must differ.</param>
    /// <param name="seeds">The seeds, at least one.</param>
    /// <param name="outputDirectory">The comparison's folder.</param>
    /// <exception cref="TrainingException">The plan is unusable (one-line message).</exception>
    public ExperimentRunner(TrainerOptions template, IReadOnlyList<ExperimentArm> arms, IReadOnlyList<long> seeds, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        if (arms.Count == 0)
        {
            throw new TrainingException("a comparison needs at least one schedule; pass --schedules \"SPEC1\" \"SPEC2\"");
        }

        if (seeds.Count == 0)
        {
            throw new TrainingException("a comparison needs at least one seed; give --seeds 2 or more (paired intervals need two)");
        }

        if (arms.GroupBy(a => a.Label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new TrainingException($"the schedule label '{twice.Key}' appears {twice.Count()} times; give every schedule once");
        }

        if (seeds.Distinct().Count() != seeds.Count)
        {
            throw new TrainingException("the seeds repeat; give distinct seeds");
        }

        foreach (var arm in arms)
        {
            if (arm.Epochs < 1)
            {
                throw new TrainingException($"{arm.Label}: epochs must be an integer >= 1, but was {arm.Epochs}; give e.g. --epochs 14");
            }

            if (arm.SnapshotEpochs.FirstOrDefault(e => e < 1 || e > arm.Epochs) is var bad and not 0)
            {
                throw new TrainingException($"{arm.Label}: snapshot epoch {bad} is outside 1..{arm.Epochs}; choose epochs the run has");
            }
        }

        _template = template;
        _arms = arms;
        _seeds = seeds;
        _output = outputDirectory;
    }

    /// <summary>The folder run (<paramref name="armIndex"/>, <paramref name="seed"/>) trains in.</summary>
    /// <param name="armIndex">The arm's position.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The folder.</returns>
    public string RunDirectory(int armIndex, long seed) =>
        Path.Combine(_output, "runs", string.Create(CultureInfo.InvariantCulture, $"{armIndex + 1:00}-{Slug(_arms[armIndex].Label)}"), string.Create(CultureInfo.InvariantCulture, $"seed-{seed}"));

    /// <summary>Runs (or reuses) every run and returns the outcomes, arm by arm, seeds in the given order.</summary>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set (reported).</param>
    /// <param name="validation">A validation set measured alongside (for choices such as a target), or <see langword="null"/>.</param>
    /// <param name="observer">Progress, optional.</param>
    /// <param name="cancellation">Stops between batches; finished runs and the current checkpoint stay.</param>
    /// <returns>outcomes[arm][seed].</returns>
    /// <exception cref="TrainingException">A run failed, or the folder holds results of other settings.</exception>
    public IReadOnlyList<IReadOnlyList<RunOutcome>> Run(ImageDataset train, ImageDataset test, ImageDataset? validation = null, IExperimentObserver? observer = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var outcomes = _arms.Select(_ => new RunOutcome[_seeds.Count]).ToArray();
        var total = _arms.Count * _seeds.Count;
        var index = 0;
        for (var s = 0; s < _seeds.Count; s++)
        {
            for (var a = 0; a < _arms.Count; a++)
            {
                outcomes[a][s] = RunOne(a, _seeds[s], index++, total, train, test, validation, observer, cancellation);
            }
        }

        return outcomes;
    }

    /// <summary>Reads the stored outcomes of whatever runs have finished (for a report of a partial comparison).</summary>
    /// <returns>outcomes[arm] with the finished seeds, in the given order.</returns>
    public IReadOnlyList<IReadOnlyList<RunOutcome>> ReadFinished() =>
        [.. _arms.Select((_, a) => (IReadOnlyList<RunOutcome>)[.. _seeds.Select(seed => TryRead(Path.Combine(RunDirectory(a, seed), OutcomeFile))).OfType<RunOutcome>()])];

    private RunOutcome RunOne(int armIndex, long seed, int index, int total, ImageDataset train, ImageDataset test, ImageDataset? validation, IExperimentObserver? observer, CancellationToken cancellation)
    {
        var arm = _arms[armIndex];
        var directory = RunDirectory(armIndex, seed);
        ScheduleDefinition schedule;
        try
        {
            schedule = ScheduleSpec.Parse(arm.Spec);
        }
        catch (SpecException error)
        {
            throw new TrainingException($"{arm.Label}: {error.Message}", error);
        }

        var options = _template with { Schedule = schedule, Epochs = arm.Epochs, Seed = seed, OutputDirectory = directory };
        var classes = Math.Max(train.Classes, test.Classes);
        using var probe = new ExperimentProbe(validation, arm.SnapshotEpochs, () => Models.Create(options.Model, train.Rows, train.Columns, classes), null);
        using var trainer = new Trainer(options, train, test, probe);
        var settings = new Dictionary<string, string>(trainer.Settings, StringComparer.Ordinal)
        {
            ["validation data"] = validation is null ? "(none)" : $"{validation.Name} ({validation.Count} images, sha256 {validation.Fingerprint})",
            ["snapshot epochs"] = string.Join(',', arm.SnapshotEpochs),
        };
        var outcomePath = Path.Combine(directory, OutcomeFile);
        if (TryRead(outcomePath) is { } stored)
        {
            if (!SameSettings(stored.Settings, settings, out var difference))
            {
                throw new TrainingException($"{directory} holds a finished run with {difference}; use another --out for these settings, or delete that folder to retrain it");
            }

            observer?.RunStarting(index, total, arm, seed, RunStart.Skipped);
            observer?.RunFinished(index, stored);
            return stored;
        }

        var resume = !probe.HasState && File.Exists(Path.Combine(directory, CheckpointFile.FileName));
        var inner = observer?.RunStarting(index, total, arm, seed, resume ? RunStart.Resumed : RunStart.Fresh);
        probe.Inner = inner;
        probe.Attach(trainer);
        TrainingResult result;
        try
        {
            result = trainer.Run(resume ? directory : null, cancellation);
        }
        catch (TrainingException error)
        {
            throw new TrainingException($"{arm.Label}, seed {seed}: {error.Message}", error);
        }

        var outcome = new RunOutcome
        {
            Label = arm.Label,
            Spec = arm.Spec,
            Seed = seed,
            StepsPerEpoch = result.StepsPerEpoch,
            Settings = settings,
            Epochs = [.. result.Epochs.Select(e => new EpochOutcome(e.Epoch, e.TestAccuracy, probe.EpochValidation.GetValueOrDefault(e.Epoch, double.NaN), e.TrainLoss, e.LearningRate, e.Seconds, e.CpuSeconds))],
            CycleEnds = [.. result.CycleEnds.Select(c => new CycleEndOutcome(c.Cycle, (double)c.Step / result.StepsPerEpoch, c.TestAccuracy, probe.CycleValidation.GetValueOrDefault(c.Cycle, double.NaN), c.EnsembleAccuracy))],
            FinalTestAccuracy = result.FinalTestAccuracy,
            FinalValidationAccuracy = validation is null ? double.NaN : Evaluation.Accuracy(trainer.Model, validation),
            EnsembleTestAccuracy = result.EnsembleAccuracy,
            EpochEnsemble = arm.SnapshotEpochs.Count == 0 ? null : new EnsembleOutcome([.. probe.SnapshotEpochsTaken], probe.SnapshotEnsembleAccuracy(test), probe.SnapshotEnsembleAccuracy(validation)),
            ResumedFromEpoch = result.ResumedFromEpoch,
        };
        AtomicFile.WriteAllText(outcomePath, JsonSerializer.Serialize(outcome, Json));
        observer?.RunFinished(index, outcome);
        return outcome;
    }

    private static bool SameSettings(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> current, out string difference)
    {
        foreach (var (name, value) in current)
        {
            if (!stored.TryGetValue(name, out var saved) || saved != value)
            {
                difference = $"{name} {saved ?? "(none)"} instead of {value}";
                return false;
            }
        }

        difference = string.Empty;
        return true;
    }

    private static RunOutcome? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunOutcome>(File.ReadAllText(path), Json)
                ?? throw new TrainingException($"{path} is empty; delete it to retrain that run");
        }
        catch (JsonException error)
        {
            throw new TrainingException($"{path} is not a run outcome ({error.Message.ReplaceLineEndings(" ")}); delete it to retrain that run", error);
        }
    }

    private static string Slug(string label)
    {
        var builder = new StringBuilder();
        foreach (var c in label.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = builder.ToString().Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "schedule" : slug[..Math.Min(slug.Length, 40)];
    }
}
