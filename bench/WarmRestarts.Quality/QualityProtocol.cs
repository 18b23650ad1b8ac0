using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Quality;

/// <summary>The protocol of issue 5 §3, fixed in code so that the published command reproduces it.</summary>
internal static class QualityProtocol
{
    public const int Epochs = 30;
    public const int TrainSize = 10_000;
    public const int ValidationSize = 5_000;

    /// <summary>The seed of the stratified train/validation split (fixed for every run; the run seeds vary).</summary>
    public const int SplitSeed = 1608;

    public const double PeakRate = 0.1;

    public const string Step = "step x0.2 at 30/60/80%";
    public const string Cosine = "cosine 30";
    public const string SgdrShort = "SGDR T0=2 Tmult=2";
    public const string SgdrLong = "SGDR T0=10 Tmult=1";
    public const string Cosine6 = "cosine 6 (control)";
    public const string Cosine14 = "cosine 14 (control)";

    /// <summary>The schedules, all scaled from the optimizer's base rate <see cref="PeakRate"/>; the first is the paired baseline.</summary>
    public static IReadOnlyList<ExperimentArm> Arms { get; } =
    [
        new(Step, "torch.MultiStepLR(milestones=[9, 18, 24], gamma=0.2)", Epochs),
        new("constant", "torch.ConstantLR(factor=1.0, total_iters=0)", Epochs),
        new(Cosine, "torch.CosineAnnealingLR(T_max=30, eta_min=0)", Epochs, [10, 20, 30]),
        new(SgdrShort, "torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min=0)", Epochs),
        new(SgdrLong, "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=1, eta_min=0)", Epochs),
        new("one-cycle", "torch.OneCycleLR(max_lr=0.1, epochs=30, steps_per_epoch=79)", Epochs),
        new(Cosine6, "torch.CosineAnnealingLR(T_max=6, eta_min=0)", 6),
        new(Cosine14, "torch.CosineAnnealingLR(T_max=14, eta_min=0)", 14),
    ];

    public static TrainerOptions Options { get; } = new()
    {
        Model = ModelKind.Mlp,
        Optimizer = OptimizerKind.Sgd,
        LearningRate = PeakRate,
        Momentum = 0.9,
        WeightDecay = 5e-4,
        BatchSize = 128,
        Threads = 2,
        Snapshots = 3,
    };
}
