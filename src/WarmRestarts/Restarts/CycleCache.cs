namespace WarmRestarts.Restarts;

/// <summary>
/// The restart cycle a stepping caller last evaluated a <see cref="WarmRestartsSchedule"/> in: its index, start and
/// next start (progress past the one-time warm-up), and the floor, peak and length of that cycle. While the
/// progress stays inside <c>[Start, NextStart)</c> the schedule evaluates from these values instead of locating the
/// cycle again (a logarithm and several powers), with the same result bit for bit.
/// </summary>
/// <remarks>Held by stateful callers (<see cref="Scheduling.GroupScheduler"/>, one per group); not thread-safe.</remarks>
internal struct CycleCache
{
    /// <summary>The schedule the values belong to; <see langword="null"/> while empty.</summary>
    public Schedule? Owner;

    /// <summary>The schedule's one-time warm-up length, which progress is counted from.</summary>
    public double Prefix;

    /// <summary>The cycle index <c>i</c>.</summary>
    public long Index;

    /// <summary>The cycle's start, past the one-time warm-up.</summary>
    public double Start;

    /// <summary>The next cycle's start, past the one-time warm-up.</summary>
    public double NextStart;

    /// <summary>The cycle's floor.</summary>
    public double Floor;

    /// <summary>The cycle's peak.</summary>
    public double Peak;

    /// <summary>The cycle's length <c>T_i</c>.</summary>
    public double Length;

    /// <summary>Whether the cache holds <paramref name="schedule"/>'s cycle containing <paramref name="u"/>.</summary>
    /// <param name="schedule">The schedule asking.</param>
    /// <param name="u">Progress past the one-time warm-up.</param>
    /// <returns><see langword="true"/> on a hit.</returns>
    public readonly bool Holds(Schedule schedule, double u) => ReferenceEquals(Owner, schedule) && u >= Start && u < NextStart;

    /// <summary>Whether the cache holds <paramref name="schedule"/>'s cycle containing progress <paramref name="t"/> (clamped, at or past the warm-up).</summary>
    /// <param name="schedule">The schedule asking.</param>
    /// <param name="t">Progress, clamped to [0, 2^53].</param>
    /// <returns><see langword="true"/> on a hit.</returns>
    public readonly bool HoldsProgress(Schedule schedule, double t) => t >= Prefix && Holds(schedule, t - Prefix);
}
