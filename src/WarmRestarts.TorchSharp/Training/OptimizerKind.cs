namespace WarmRestarts.TorchSharp.Training;

/// <summary>The optimizers the trainer builds.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with (optionally Nesterov) momentum and L2 weight decay.</summary>
    Sgd = 0,

    /// <summary>Adam (Kingma &amp; Ba, arXiv 1412.6980) with L2 weight decay; the momentum option is beta1.</summary>
    Adam = 1,

    /// <summary>AdamW (Loshchilov &amp; Hutter, arXiv 1711.05101): Adam with decoupled weight decay; the momentum option is beta1.</summary>
    AdamW = 2,
}
