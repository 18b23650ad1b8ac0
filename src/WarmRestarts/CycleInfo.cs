namespace WarmRestarts;

/// <summary>
/// Where a progress point falls among a schedule's restart cycles.
/// </summary>
/// <param name="Index">Zero-based cycle index <c>i</c> (SGDR's restart count). Past the cycle limit it equals the limit.</param>
/// <param name="Start">Progress at which the cycle starts: the restart (for cycle 0, the end of a one-time warm-up).</param>
/// <param name="Length">The cycle's length <c>T_i</c>; positive infinity past the cycle limit, where the floor holds for ever.</param>
/// <param name="Position">Progress since the start of the cycle, <c>T_cur</c>.</param>
/// <param name="IsLast">Whether no restart follows this cycle because the cycle limit is reached.</param>
/// <param name="IsPastLimit">Whether the progress lies after the end of the last allowed cycle.</param>
public readonly record struct CycleInfo(long Index, double Start, double Length, double Position, bool IsLast, bool IsPastLimit)
{
    /// <summary>Progress at which this cycle ends (the next restart unless <see cref="IsLast"/>); infinity past the limit.</summary>
    public double End => Start + Length;

    /// <summary>The position in the cycle as a fraction <c>T_cur / T_i</c> in [0, 1]; 0 past the limit.</summary>
    public double Fraction => IsPastLimit ? 0.0 : Math.Clamp(Position / Length, 0.0, 1.0);
}
