using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using WarmRestarts.Cli.Training;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Cli.Commands;

/// <summary>
/// What every training command takes (<c>train</c>, and commands that train several runs): the data, the network,
/// the optimizer and its settings, the batch size, the seed and the thread count. Options left out are
/// <see langword="null"/>, so that a command can fill them from a baseline (<see cref="Apply"/>: the defaults, or
/// a resumed run's saved settings).
/// </summary>
internal class TrainingSettings : CommandSettings
{
    [CommandOption("--data <DATA>")]
    [Description("embedded (default: 10,000 + 2,000 Fashion-MNIST images shipped with the tool), fashion-mnist (the full set from apt-get install dataset-fashion-mnist) or a folder of IDX files (train-/t10k- images and labels, gz or raw).")]
    public string? Data { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("mlp (default) or cnn.")]
    public string? Model { get; init; }

    [CommandOption("--optimizer <OPTIMIZER>")]
    [Description("sgd (default, with momentum), adam or adamw.")]
    public string? Optimizer { get; init; }

    [CommandOption("--lr <RATE>")]
    [TypeConverter(typeof(Options.RateConverter))]
    [Description("The optimizer's base learning rate; PyTorch/timm specs scale from it (the peak of SGDR). Default 0.1.")]
    public double? Lr { get; init; }

    [CommandOption("--momentum <M>")]
    [TypeConverter(typeof(Options.MomentumConverter))]
    [Description("SGD momentum, or Adam's beta1: 0 <= M < 1. Default 0.9.")]
    public double? Momentum { get; init; }

    [CommandOption("--nesterov")]
    [Description("Nesterov momentum (SGD).")]
    public bool Nesterov { get; init; }

    [CommandOption("--weight-decay <W>")]
    [TypeConverter(typeof(Options.WeightDecayConverter))]
    [Description("Weight decay (L2 for SGD and Adam, decoupled for AdamW). Default 5e-4.")]
    public double? WeightDecay { get; init; }

    [CommandOption("--batch-size <B>")]
    [TypeConverter(typeof(Options.BatchSizeConverter))]
    [Description("Examples per batch. Default 128.")]
    public int? BatchSize { get; init; }

    [CommandOption("--seed <S>")]
    [TypeConverter(typeof(Options.SeedConverter))]
    [Description("Seed of the initial weights and the data order. Default 0.")]
    public long? Seed { get; init; }

    [CommandOption("--threads <T>")]
    [TypeConverter(typeof(Options.ThreadsConverter))]
    [Description("Threads torch computes with. Default 2 (results differ in the last digits between thread counts).")]
    public int? Threads { get; init; }

    public override ValidationResult Validate()
    {
        if (Model is not null && ParseModel(Model) is null)
        {
            return ValidationResult.Error($"--model must be mlp or cnn, but was '{Model}'");
        }

        if (Optimizer is not null && ParseOptimizer(Optimizer) is null)
        {
            return ValidationResult.Error($"--optimizer must be sgd, adam or adamw, but was '{Optimizer}'");
        }

        if (Lr is { } lr && !(double.IsFinite(lr) && lr > 0))
        {
            return ValidationResult.Error($"--lr must be a finite number > 0, but was {Show(lr)}; give e.g. --lr 0.1");
        }

        if (Momentum is { } momentum && !(momentum >= 0 && momentum < 1))
        {
            return ValidationResult.Error($"--momentum must be in [0, 1), but was {Show(momentum)}; give e.g. --momentum 0.9");
        }

        if (WeightDecay is { } decay && !(double.IsFinite(decay) && decay >= 0))
        {
            return ValidationResult.Error($"--weight-decay must be a finite number >= 0, but was {Show(decay)}; give e.g. --weight-decay 5e-4");
        }

        if (BatchSize is < 1)
        {
            return ValidationResult.Error($"--batch-size must be at least 1, but was {BatchSize}; give e.g. --batch-size 128");
        }

        if (Threads is < 1 or > 1024)
        {
            return ValidationResult.Error($"--threads must be between 1 and 1024, but was {Threads}; give e.g. --threads 2");
        }

        return ValidationResult.Success();
    }

    /// <summary>The options given, over a baseline for those left out (the defaults, or a resumed run's saved settings).</summary>
    /// <param name="baseline">The values of options not given.</param>
    /// <returns>The trainer options (the schedule and the other fields of <paramref name="baseline"/> unchanged).</returns>
    public TrainerOptions Apply(TrainerOptions baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline with
        {
            Model = Model is null ? baseline.Model : ParseModel(Model)!.Value,
            Optimizer = Optimizer is null ? baseline.Optimizer : ParseOptimizer(Optimizer)!.Value,
            LearningRate = Lr ?? baseline.LearningRate,
            Momentum = Momentum ?? baseline.Momentum,
            Nesterov = Nesterov || baseline.Nesterov,
            WeightDecay = WeightDecay ?? baseline.WeightDecay,
            BatchSize = BatchSize ?? baseline.BatchSize,
            Seed = Seed ?? baseline.Seed,
            Threads = Threads ?? baseline.Threads,
        };
    }

    /// <summary>The data source of <c>--data</c>, or of <paramref name="baseline"/> when it was left out.</summary>
    /// <param name="locations">Where the named sets are.</param>
    /// <param name="baseline">The <c>--data</c> value to use when none was given (a resumed run's), or <see langword="null"/> for the embedded set.</param>
    /// <returns>The resolved source; nothing is read yet.</returns>
    public DataSource ResolveData(DataLocations locations, string? baseline = null) => DataSource.Resolve(Data ?? baseline, locations);

    /// <summary>Parses <c>mlp</c> or <c>cnn</c> (any case).</summary>
    /// <param name="text">The option's value.</param>
    /// <returns>The model, or <see langword="null"/> for anything else.</returns>
    public static ModelKind? ParseModel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mlp" => ModelKind.Mlp,
        "cnn" => ModelKind.Cnn,
        _ => null,
    };

    /// <summary>Parses <c>sgd</c>, <c>adam</c> or <c>adamw</c> (any case).</summary>
    /// <param name="text">The option's value.</param>
    /// <returns>The optimizer, or <see langword="null"/> for anything else.</returns>
    public static OptimizerKind? ParseOptimizer(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "adamw" => OptimizerKind.AdamW,
        _ => null,
    };

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
