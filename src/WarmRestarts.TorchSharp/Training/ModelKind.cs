namespace WarmRestarts.TorchSharp.Training;

/// <summary>The networks the trainer builds.</summary>
public enum ModelKind
{
    /// <summary>A multilayer perceptron: flatten, 256 and 128 ReLU units, one output per class.</summary>
    Mlp = 0,

    /// <summary>A small convolutional network: two 3×3 convolutions (32, 64 channels) with ReLU and 2×2 max-pooling, a 128-unit layer, one output per class.</summary>
    Cnn = 1,
}
