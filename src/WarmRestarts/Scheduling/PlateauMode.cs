namespace WarmRestarts.Scheduling;

/// <summary>Whether a smaller or a larger metric is an improvement (PyTorch's <c>mode</c>).</summary>
public enum PlateauMode
{
    /// <summary>Smaller is better (a loss): PyTorch's <c>'min'</c>.</summary>
    Min = 0,

    /// <summary>Larger is better (an accuracy): PyTorch's <c>'max'</c>.</summary>
    Max = 1,
}
