using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// Fluent forms of the combinators: <c>schedule.WithWarmup(5).Stretched(469).Clamped(1e-5, 0.1)</c>.
/// </summary>
public static class ScheduleExtensions
{
    /// <summary>Puts a linear warm-up in front of <paramref name="schedule"/> (see <see cref="WarmupSchedule"/>).</summary>
    /// <param name="schedule">The schedule that follows the warm-up.</param>
    /// <param name="length">The warm-up length, &gt; 0.</param>
    /// <param name="start">The rate the warm-up starts from, &gt;= 0.</param>
    /// <returns>The schedule with the warm-up.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static WarmupSchedule WithWarmup(this Schedule schedule, double length, double start = 0.0) => new(schedule, length, start);

    /// <summary>Multiplies <paramref name="schedule"/> by <paramref name="factor"/> (see <see cref="ScaleSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="factor">The factor, &gt;= 0.</param>
    /// <returns>The scaled schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ScaleSchedule Scaled(this Schedule schedule, double factor) => new(schedule, factor);

    /// <summary>Confines <paramref name="schedule"/> to [<paramref name="minimum"/>, <paramref name="maximum"/>] (see <see cref="ClampSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="minimum">The lowest value.</param>
    /// <param name="maximum">The highest value.</param>
    /// <returns>The clamped schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ClampSchedule Clamped(this Schedule schedule, double minimum, double maximum) => new(schedule, minimum, maximum);

    /// <summary>Multiplies every length of <paramref name="schedule"/> by <paramref name="factor"/> (see <see cref="StretchSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="factor">The factor, &gt; 0, e.g. the steps per epoch.</param>
    /// <returns>The stretched schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static StretchSchedule Stretched(this Schedule schedule, double factor) => new(schedule, factor);

    /// <summary>Multiplies <paramref name="schedule"/> by <paramref name="other"/> (see <see cref="ProductSchedule"/>).</summary>
    /// <param name="schedule">The first factor.</param>
    /// <param name="other">The second factor.</param>
    /// <returns>The product.</returns>
    /// <exception cref="ScheduleArgumentException">A schedule is null.</exception>
    public static ProductSchedule Times(this Schedule schedule, Schedule other) => new([schedule, other]);

    /// <summary>
    /// Runs <paramref name="next"/> from global progress <paramref name="at"/> on (see <see cref="SequenceSchedule"/>).
    /// When <paramref name="schedule"/> is already a sequence with the same clock rule and <paramref name="at"/> lies
    /// after its last boundary, the sequence is extended rather than nested (same values, flatter spec).
    /// </summary>
    /// <param name="schedule">The schedule in force before <paramref name="at"/>.</param>
    /// <param name="next">The schedule in force from <paramref name="at"/>.</param>
    /// <param name="at">The global progress where <paramref name="next"/> takes over, &gt; 0.</param>
    /// <param name="restartClock">Whether <paramref name="next"/> starts its own clock at <paramref name="at"/>.</param>
    /// <returns>The sequence.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static SequenceSchedule Then(this Schedule schedule, Schedule next, double at, bool restartClock = true)
    {
        Guard.Positive(at, nameof(at), "give the progress where the next schedule takes over, > 0");
        if (schedule is SequenceSchedule sequence && sequence.RestartClock == restartClock && at > sequence.Boundaries[^1])
        {
            return new SequenceSchedule([.. sequence.Schedules, next], [.. sequence.Boundaries, at], restartClock);
        }

        return new SequenceSchedule([schedule, next], [at], restartClock);
    }
}
