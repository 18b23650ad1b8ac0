namespace WarmRestarts.Family;

/// <summary>The curve within each phase of a one-cycle schedule (PyTorch <c>OneCycleLR</c>'s <c>anneal_strategy</c>).</summary>
public enum OneCycleAnneal
{
    /// <summary><c>'cos'</c>: <c>end + (start − end) / 2 · (cos(π · pct) + 1)</c>.</summary>
    Cosine = 0,

    /// <summary><c>'linear'</c>: <c>(end − start) · pct + start</c>.</summary>
    Linear = 1,
}
