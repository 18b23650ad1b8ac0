using System.Text.Json;
using System.Text.Json.Serialization;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Training;

/// <summary>
/// The settings a <c>train</c> run was started with, saved as <c>train.json</c> in its output folder, so that
/// <c>train --resume DIR</c> needs no other option: options given with <c>--resume</c> override these, and the
/// trainer refuses the checkpoint when that changes the run.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>The file name in the run's folder.</summary>
    public const string FileName = "train.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The <c>--data</c> value: embedded, fashion-mnist or a folder's full path.</summary>
    public required string Data { get; init; }

    /// <summary>The schedule's spec text.</summary>
    public required string Schedule { get; init; }

    /// <summary>The unit of the schedule's lengths, or <see langword="null"/> for the spec's own.</summary>
    public ProgressUnit? ScheduleUnit { get; init; }

    /// <summary>See <see cref="TrainerOptions.Model"/>.</summary>
    public ModelKind Model { get; init; }

    /// <summary>See <see cref="TrainerOptions.Optimizer"/>.</summary>
    public OptimizerKind Optimizer { get; init; }

    /// <summary>See <see cref="TrainerOptions.LearningRate"/>.</summary>
    public double LearningRate { get; init; }

    /// <summary>See <see cref="TrainerOptions.Momentum"/>.</summary>
    public double Momentum { get; init; }

    /// <summary>See <see cref="TrainerOptions.Nesterov"/>.</summary>
    public bool Nesterov { get; init; }

    /// <summary>See <see cref="TrainerOptions.WeightDecay"/>.</summary>
    public double WeightDecay { get; init; }

    /// <summary>See <see cref="TrainerOptions.Epochs"/>.</summary>
    public int Epochs { get; init; }

    /// <summary>See <see cref="TrainerOptions.BatchSize"/>.</summary>
    public int BatchSize { get; init; }

    /// <summary>See <see cref="TrainerOptions.Seed"/>.</summary>
    public long Seed { get; init; }

    /// <summary>See <see cref="TrainerOptions.Threads"/>.</summary>
    public int Threads { get; init; }

    /// <summary>See <see cref="TrainerOptions.Snapshots"/>.</summary>
    public int Snapshots { get; init; }

    /// <summary>See <see cref="TrainerOptions.Swa"/>.</summary>
    public bool Swa { get; init; }

    /// <summary>See <see cref="TrainerOptions.ResetOptimizerAtRestart"/>.</summary>
    public bool ResetOptimizer { get; init; }

    /// <summary>See <see cref="TrainerOptions.TensorBoard"/>.</summary>
    public bool TensorBoard { get; init; }

    /// <summary>The settings of a run.</summary>
    /// <param name="options">The trainer options.</param>
    /// <param name="data">The data source.</param>
    /// <returns>The settings to save.</returns>
    public static RunSettings From(TrainerOptions options, DataSource data) => new()
    {
        Data = data.Argument,
        Schedule = options.Schedule.Spec,
        ScheduleUnit = options.ScheduleUnit,
        Model = options.Model,
        Optimizer = options.Optimizer,
        LearningRate = options.LearningRate,
        Momentum = options.Momentum,
        Nesterov = options.Nesterov,
        WeightDecay = options.WeightDecay,
        Epochs = options.Epochs,
        BatchSize = options.BatchSize,
        Seed = options.Seed,
        Threads = options.Threads,
        Snapshots = options.Snapshots,
        Swa = options.Swa,
        ResetOptimizer = options.ResetOptimizerAtRestart,
        TensorBoard = options.TensorBoard,
    };

    /// <summary>The trainer options these settings describe (no output folder).</summary>
    /// <returns>The options.</returns>
    /// <exception cref="SpecException">The saved schedule does not parse (the file was edited).</exception>
    public TrainerOptions ToOptions() => new()
    {
        Schedule = ScheduleSpec.Parse(Schedule),
        ScheduleUnit = ScheduleUnit,
        Model = Model,
        Optimizer = Optimizer,
        LearningRate = LearningRate,
        Momentum = Momentum,
        Nesterov = Nesterov,
        WeightDecay = WeightDecay,
        Epochs = Epochs,
        BatchSize = BatchSize,
        Seed = Seed,
        Threads = Threads,
        Snapshots = Snapshots,
        Swa = Swa,
        ResetOptimizerAtRestart = ResetOptimizer,
        TensorBoard = TensorBoard,
    };

    /// <summary>Writes <c>train.json</c> into the folder, atomically.</summary>
    /// <param name="folder">The run's output folder.</param>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a run's <c>train.json</c>.</summary>
    /// <param name="folder">The run's output folder.</param>
    /// <returns>The saved settings.</returns>
    /// <exception cref="CliUsageException">The folder is no train run, or its file is unreadable.</exception>
    public static RunSettings Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"--resume: the folder {folder} does not exist; give the output folder of a train run");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"--resume: {folder} holds no {FileName}, so it is not the output folder of a train run; give the folder train printed");
        }

        try
        {
            return JsonSerializer.Deserialize<RunSettings>(File.ReadAllText(path), Json)
                ?? throw new CliUsageException($"--resume: {path} is empty; resume from an intact run folder or start a new run");
        }
        catch (JsonException error)
        {
            throw new CliUsageException($"--resume: {path} is not valid run settings ({CliApp.OneLine(error.Message)}); resume from an intact run folder or start a new run", error);
        }
    }
}
