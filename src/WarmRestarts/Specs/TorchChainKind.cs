namespace WarmRestarts.Specs;

/// <summary>How a PyTorch scheduler acts on the current rate when <c>ChainedScheduler</c> steps it.</summary>
internal enum TorchChainKind
{
    /// <summary>Multiplies the current rate by the ratio of its own factor (<c>StepLR</c>, <c>MultiStepLR</c>, <c>ExponentialLR</c>, <c>ConstantLR</c>, <c>LinearLR</c>, <c>PolynomialLR</c>).</summary>
    Multiplicative,

    /// <summary><c>CosineAnnealingLR</c>'s recursion: <c>(lr − eta_min) · ratio + eta_min</c>, and an additive step right after each bottom.</summary>
    Cosine,

    /// <summary>Overwrites the rate from the base rate (<c>CosineAnnealingWarmRestarts</c>).</summary>
    Overwrite,

    /// <summary>A <c>ChainedScheduler</c> of chainable schedulers: its links act in order, as if listed in its place.</summary>
    Nested,
}
