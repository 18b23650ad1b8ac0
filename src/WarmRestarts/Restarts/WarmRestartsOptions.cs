namespace WarmRestarts.Restarts;

/// <summary>
/// The parameters of a <see cref="WarmRestartsSchedule"/>. Checked when the schedule is built.
/// </summary>
/// <remarks>
/// Symbols of SGDR (Loshchilov &amp; Hutter, arXiv 1608.03983): <see cref="Peak"/> is <c>η_max</c>,
/// <see cref="Floor"/> is <c>η_min</c>, <see cref="FirstCycle"/> is <c>T_0</c>, <see cref="CycleGrowth"/> is
/// <c>T_mult</c>. All lengths are in the unit of the progress the schedule is evaluated at (steps or epochs).
/// </remarks>
public sealed record WarmRestartsOptions
{
    /// <summary>The rate at each restart, <c>η_max</c> (before peak decay). Required; finite, &gt;= 0.</summary>
    public required double Peak { get; init; }

    /// <summary>The rate at the end of each cycle, <c>η_min</c> (before floor decay). Finite, in [0, <see cref="Peak"/>]. Default 0.</summary>
    public double Floor { get; init; }

    /// <summary>The length of the first cycle, <c>T_0</c>. Required; finite, &gt; 0.</summary>
    public required double FirstCycle { get; init; }

    /// <summary>The factor each cycle is longer than the one before, <c>T_mult</c>: any real &gt;= 1. Default 1 (equal cycles).</summary>
    public double CycleGrowth { get; init; } = 1.0;

    /// <summary>The factor applied to the peak (or the amplitude, see <see cref="DecayMode"/>) at each restart, in (0, 1]. Default 1.</summary>
    public double PeakDecay { get; init; } = 1.0;

    /// <summary>What <see cref="PeakDecay"/> multiplies. Default <see cref="PeakDecayMode.Peak"/>.</summary>
    public PeakDecayMode DecayMode { get; init; } = PeakDecayMode.Peak;

    /// <summary>The factor applied to the floor at each restart, in (0, 1]. Default 1 (the floor stays).</summary>
    public double FloorDecay { get; init; } = 1.0;

    /// <summary>How many cycles run; after the last one ends, its floor holds. <see langword="null"/> (default): no limit.</summary>
    public int? CycleLimit { get; init; }

    /// <summary>The length of the linear warm-up, &gt;= 0. Default 0 (none).</summary>
    public double Warmup { get; init; }

    /// <summary>When the warm-up happens. Default <see cref="WarmupMode.Once"/>.</summary>
    public WarmupMode WarmupMode { get; init; } = WarmupMode.Once;

    /// <summary>The rate the warm-up starts from, in [0, <see cref="Peak"/>]; <see langword="null"/> (default): the floor of the cycle it warms up.</summary>
    public double? WarmupStart { get; init; }

    /// <summary>The curve within a cycle. Default <see cref="CycleShape.Cosine"/>.</summary>
    public CycleShape Shape { get; init; } = CycleShape.Cosine;
}
