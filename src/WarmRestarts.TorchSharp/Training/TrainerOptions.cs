using System.Globalization;
using WarmRestarts.Specs;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>What to train and how. Checked by <see cref="Trainer"/> before anything runs.</summary>
public sealed record TrainerOptions
{
    /// <summary>The default schedule of <c>train</c>: SGDR with T_0 = 2 epochs, T_mult = 2, from the base rate down to 1e-4 (cycles end after epochs 2, 6, 14 and 30: the default 30 epochs hold four cycle ends).</summary>
    public const string DefaultSchedule = "torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min=0.0001)";

    /// <summary>The learning-rate schedule (spec). Torch and timm specs follow <see cref="LearningRate"/>; native, Keras and optax specs give absolute rates.</summary>
    public ScheduleDefinition Schedule { get; init; } = ScheduleSpec.Parse(DefaultSchedule);

    /// <summary>The unit the schedule's lengths count in; <see langword="null"/>: the spec's own (PyTorch and timm: epochs, Keras and optax: steps; native: epochs).</summary>
    public ProgressUnit? ScheduleUnit { get; init; }

    /// <summary>The network.</summary>
    public ModelKind Model { get; init; } = ModelKind.Mlp;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>The optimizer's base (initial) learning rate: the <c>lr</c> PyTorch/timm specs scale. Finite, &gt; 0.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>SGD momentum, or Adam's beta1. In [0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Nesterov momentum (SGD only; needs momentum &gt; 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Weight decay (L2 for SGD and Adam, decoupled for AdamW). Finite, &gt;= 0.</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Epochs to train, &gt;= 1. Default 30: with <see cref="DefaultSchedule"/>, four whole cycles (the MLP on the embedded subset trains them in seconds).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Examples per batch, &gt;= 1.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The seed of the initial weights and of the data order.</summary>
    public long Seed { get; init; }

    /// <summary>Threads torch computes with, &gt;= 1 (results depend on it in the last digits; keep it fixed to reproduce a run).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>How many cycle-end snapshots to keep for the snapshot ensemble (Huang et al., arXiv 1704.00109); 0 for none.</summary>
    public int Snapshots { get; init; } = 3;

    /// <summary>Whether to average the weights of cycle ends (SWA over restarts; Izmailov et al., arXiv 1803.05407).</summary>
    public bool Swa { get; init; }

    /// <summary>Whether to clear the optimizer's state (momentum buffers, Adam moments) at every restart.</summary>
    public bool ResetOptimizerAtRestart { get; init; }

    /// <summary>The folder for metrics, checkpoints and TensorBoard events; <see langword="null"/>: write nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether to write TensorBoard scalars to <see cref="OutputDirectory"/>/tensorboard.</summary>
    public bool TensorBoard { get; init; }

    /// <summary>A one-line problem with the options, or <see langword="null"/> when they are usable.</summary>
    /// <returns>The first problem found.</returns>
    public string? Problem()
    {
        string? Check(bool ok, string message) => ok ? null : message;
        return Check(Schedule is not null, "schedule must be given; pass --schedule SPEC")
            ?? Check(double.IsFinite(LearningRate) && LearningRate > 0, $"lr must be a finite number > 0, but was {Show(LearningRate)}; give e.g. --lr 0.1")
            ?? Check(double.IsFinite(Momentum) && Momentum >= 0 && Momentum < 1, $"momentum must be in [0, 1), but was {Show(Momentum)}; give e.g. 0.9")
            ?? Check(!Nesterov || (Optimizer == OptimizerKind.Sgd && Momentum > 0), "nesterov needs the SGD optimizer with momentum > 0; drop --nesterov or use --optimizer sgd with momentum")
            ?? Check(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"weight decay must be a finite number >= 0, but was {Show(WeightDecay)}; give e.g. 5e-4")
            ?? Check(Epochs >= 1, $"epochs must be an integer >= 1, but was {Epochs}; give e.g. --epochs 14")
            ?? Check(BatchSize >= 1, $"batch size must be an integer >= 1, but was {BatchSize}; give e.g. --batch-size 128")
            ?? Check(Threads >= 1, $"threads must be an integer >= 1, but was {Threads}; give e.g. --threads 2")
            ?? Check(Snapshots >= 0, $"snapshots must be an integer >= 0, but was {Snapshots}; give 0 for none")
            ?? Check(Enum.IsDefined(Model), $"model must be mlp or cnn, but was {Model}")
            ?? Check(Enum.IsDefined(Optimizer), $"optimizer must be sgd, adam or adamw, but was {Optimizer}")
            ?? Check(ScheduleUnit is null || Enum.IsDefined(ScheduleUnit.Value), $"schedule unit must be epochs or steps, but was {ScheduleUnit}")
            ?? Check(!TensorBoard || OutputDirectory is not null, "tensorboard needs an output folder; give --out DIR");
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
