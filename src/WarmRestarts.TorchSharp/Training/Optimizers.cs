using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>Builds the optimizer <see cref="TrainerOptions"/> describe (shared by the trainer and the range test).</summary>
internal static class Optimizers
{
    public static optim.Optimizer Create(TrainerOptions options, IEnumerable<global::TorchSharp.Modules.Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, options.Momentum, 0.0, options.WeightDecay, options.Nesterov, false),
        OptimizerKind.Adam => optim.Adam(parameters, options.LearningRate, options.Momentum, 0.999, 1e-8, options.WeightDecay, false, false),
        _ => optim.AdamW(parameters, options.LearningRate, options.Momentum, 0.999, 1e-8, options.WeightDecay, false, false),
    };
}
