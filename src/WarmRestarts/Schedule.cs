namespace WarmRestarts;

/// <summary>
/// A learning-rate schedule: an immutable, thread-safe, pure function of training progress.
/// </summary>
/// <remarks>
/// <para>
/// Progress <c>t</c> is a real number in the schedule's own unit: the lengths a schedule is built with
/// (cycle lengths, milestones, warm-up) are in the same unit as the <c>t</c> it is evaluated at. Whether
/// that unit is optimizer steps or (possibly fractional) epochs is decided by the <see cref="TrainingClock"/>
/// that drives it, never by the schedule.
/// </para>
/// <para>
/// Every schedule evaluates in O(1) for any <c>t</c> in [0, <see cref="MaxProgress"/>] without allocating,
/// validates its arguments when it is built (never when evaluated), and never returns NaN or infinity.
/// Progress below 0, or NaN, is read as 0; progress above <see cref="MaxProgress"/> as <see cref="MaxProgress"/>.
/// </para>
/// <para>
/// <see cref="object.ToString"/> gives the schedule's spec text (a Python-style call such as
/// <c>warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=2.0)</c>); two schedules are equal
/// exactly when their spec texts are equal.
/// </para>
/// </remarks>
public abstract class Schedule : IEquatable<Schedule>
{
    /// <summary>The largest progress a schedule is evaluated at: 2^53, beyond which steps are no longer exact in a <see cref="double"/>.</summary>
    public const double MaxProgress = 9007199254740992.0;

    /// <summary>Creates a schedule. Derived types validate all their arguments in their constructors.</summary>
    protected Schedule()
    {
    }

    /// <summary>The learning rate (or other scheduled value) at progress <paramref name="t"/>.</summary>
    /// <param name="t">Progress in the schedule's unit; fractional values are allowed.</param>
    /// <returns>A finite value.</returns>
    public double Evaluate(double t) => EvaluateCore(ClampProgress(t));

    /// <summary>
    /// Evaluates the schedule at a progress already in [0, <see cref="MaxProgress"/>].
    /// Called only by <see cref="Evaluate(double)"/> and by composite schedules.
    /// </summary>
    /// <param name="t">Progress, already clamped.</param>
    /// <returns>A finite value.</returns>
    protected internal abstract double EvaluateCore(double t);

    /// <summary>
    /// The restart cycle in force at progress <paramref name="t"/>, for schedules made of restart cycles
    /// (directly or through combinators); <see langword="false"/> for all others.
    /// </summary>
    /// <param name="t">Progress in the schedule's unit.</param>
    /// <param name="cycle">The cycle, when there is one.</param>
    /// <returns>Whether the schedule has restart cycles.</returns>
    public bool TryGetCycle(double t, out CycleInfo cycle) => TryGetCycleCore(ClampProgress(t), out cycle);

    /// <summary>
    /// <see cref="Evaluate"/> for stateful callers that step through progress: schedules that locate restart cycles
    /// keep the current cycle in <paramref name="cache"/> and skip locating it while <paramref name="t"/> stays in it.
    /// Always returns exactly what <see cref="Evaluate"/> returns.
    /// </summary>
    /// <param name="t">The progress.</param>
    /// <param name="cache">The caller's cache for this schedule (start with <see langword="default"/>).</param>
    /// <returns>The value at <paramref name="t"/>.</returns>
    internal virtual double EvaluateCached(double t, ref Restarts.CycleCache cache) => Evaluate(t);

    /// <summary>
    /// The cycle index and past-the-limit flag of <see cref="TryGetCycle"/> at <paramref name="t"/>, from
    /// <paramref name="cache"/> when it holds that cycle (filled by <see cref="EvaluateCached"/>).
    /// </summary>
    /// <param name="t">The progress.</param>
    /// <param name="cache">The caller's cache for this schedule.</param>
    /// <param name="pastLimit">Whether <paramref name="t"/> is past the last cycle of a cycle limit.</param>
    /// <returns>The cycle index (0 for schedules without cycles).</returns>
    internal virtual long CycleIndexCached(double t, ref Restarts.CycleCache cache, out bool pastLimit)
    {
        TryGetCycle(t, out var cycle);
        pastLimit = cycle.IsPastLimit;
        return cycle.Index;
    }

    /// <summary>Implements <see cref="TryGetCycle"/> at a progress already clamped. The default has no cycles.</summary>
    /// <param name="t">Progress, already clamped.</param>
    /// <param name="cycle">The cycle, when there is one.</param>
    /// <returns>Whether the schedule has restart cycles.</returns>
    protected internal virtual bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        cycle = default;
        return false;
    }

    /// <summary>Writes this schedule's spec text: its name and arguments.</summary>
    /// <param name="writer">The writer to append to.</param>
    protected internal abstract void WriteSpec(SpecWriter writer);

    /// <summary>The spec text of this schedule, which identifies it.</summary>
    /// <returns>A Python-style call, e.g. <c>constant(value=0.1)</c>.</returns>
    public sealed override string ToString()
    {
        var writer = new SpecWriter();
        WriteSpec(writer);
        return writer.ToString();
    }

    /// <summary>Whether <paramref name="other"/> is the same schedule (same spec text).</summary>
    /// <param name="other">The schedule to compare with.</param>
    /// <returns><see langword="true"/> when both print the same spec.</returns>
    public bool Equals(Schedule? other) =>
        other is not null && (ReferenceEquals(this, other) || (other.GetType() == GetType() && other.ToString() == ToString()));

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as Schedule);

    /// <inheritdoc />
    public sealed override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Whether two schedules are equal.</summary>
    /// <param name="left">A schedule.</param>
    /// <param name="right">Another schedule.</param>
    /// <returns>Whether they print the same spec.</returns>
    public static bool operator ==(Schedule? left, Schedule? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two schedules differ.</summary>
    /// <param name="left">A schedule.</param>
    /// <param name="right">Another schedule.</param>
    /// <returns>Whether their specs differ.</returns>
    public static bool operator !=(Schedule? left, Schedule? right) => !(left == right);

    /// <summary>Maps any progress into [0, <see cref="MaxProgress"/>]; NaN becomes 0.</summary>
    /// <param name="t">Raw progress.</param>
    /// <returns>The clamped progress.</returns>
    protected internal static double ClampProgress(double t) =>
        t > 0 ? (t < MaxProgress ? t : MaxProgress) : 0.0;
}
