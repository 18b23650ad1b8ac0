using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>Builds the trainer's networks. None has dropout or batch normalisation, so training is deterministic for a seed and snapshot averages need no statistics update.</summary>
public static class Models
{
    /// <summary>Builds a network with weights drawn from torch's generator (seed it first for reproducible weights).</summary>
    /// <param name="kind">Which network.</param>
    /// <param name="rows">Image height.</param>
    /// <param name="columns">Image width.</param>
    /// <param name="classes">Number of outputs.</param>
    /// <returns>The network, mapping <c>[N, 1, rows, columns]</c> images to <c>[N, classes]</c> logits.</returns>
    public static Module<Tensor, Tensor> Create(ModelKind kind, int rows, int columns, int classes) => kind switch
    {
        ModelKind.Mlp => Sequential(
            ("flatten", Flatten()),
            ("fc1", Linear(rows * columns, 256)),
            ("relu1", ReLU()),
            ("fc2", Linear(256, 128)),
            ("relu2", ReLU()),
            ("out", Linear(128, classes))),
        ModelKind.Cnn => Sequential(
            ("conv1", Conv2d(1, 32, 3, padding: 1)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(32, 64, 3, padding: 1)),
            ("relu2", ReLU()),
            ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()),
            ("fc1", Linear(64 * (rows / 4) * (columns / 4), 128)),
            ("relu3", ReLU()),
            ("out", Linear(128, classes))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };
}
