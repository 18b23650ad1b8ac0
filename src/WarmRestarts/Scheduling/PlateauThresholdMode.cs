namespace WarmRestarts.Scheduling;

/// <summary>How the improvement threshold is measured (PyTorch's <c>threshold_mode</c>).</summary>
public enum PlateauThresholdMode
{
    /// <summary>
    /// Relative: better means <c>metric &lt; best · (1 − threshold)</c> in <see cref="PlateauMode.Min"/>,
    /// <c>metric &gt; best · (1 + threshold)</c> in <see cref="PlateauMode.Max"/>. PyTorch's <c>'rel'</c>.
    /// </summary>
    Relative = 0,

    /// <summary>
    /// Absolute: better means <c>metric &lt; best − threshold</c> in <see cref="PlateauMode.Min"/>,
    /// <c>metric &gt; best + threshold</c> in <see cref="PlateauMode.Max"/>. PyTorch's <c>'abs'</c>.
    /// </summary>
    Absolute = 1,
}
