namespace WarmRestarts.Restarts;

/// <summary>When a warm-restarts schedule warms up.</summary>
public enum WarmupMode
{
    /// <summary>Once, before the first cycle: the warm-up is a prefix and every cycle starts after it.</summary>
    Once = 0,

    /// <summary>At the start of every cycle, including the first: the warm-up is part of each cycle's length.</summary>
    EveryCycle = 1,
}
