using WarmRestarts.Combinators;

namespace WarmRestarts;

public static partial class Schedules
{
    /// <summary>A linear warm-up from <paramref name="start"/> to <paramref name="schedule"/>'s first value, then the schedule shifted by <paramref name="length"/> (see <see cref="WarmupSchedule"/>).</summary>
    /// <param name="schedule">The schedule that follows.</param>
    /// <param name="length">The warm-up length, &gt; 0.</param>
    /// <param name="start">The starting rate, &gt;= 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static WarmupSchedule Warmup(Schedule schedule, double length, double start = 0.0) => new(schedule, length, start);

    /// <summary>Schedules one after another at <paramref name="boundaries"/> (optax <c>join_schedules</c>, PyTorch <c>SequentialLR</c>; see <see cref="SequenceSchedule"/>).</summary>
    /// <param name="schedules">One more schedule than boundaries.</param>
    /// <param name="boundaries">Strictly increasing progress points &gt; 0.</param>
    /// <param name="restartClock">Whether each schedule starts its clock at its boundary.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static SequenceSchedule Sequence(IEnumerable<Schedule> schedules, IEnumerable<double> boundaries, bool restartClock = true) =>
        new(schedules, boundaries, restartClock);

    /// <summary>The product of schedules (PyTorch <c>ChainedScheduler</c>; see <see cref="ProductSchedule"/>).</summary>
    /// <param name="schedules">At least two schedules.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">Fewer than two schedules.</exception>
    public static ProductSchedule Product(params Schedule[] schedules) => new(schedules);

    /// <summary>The product of schedules (see <see cref="ProductSchedule"/>).</summary>
    /// <param name="schedules">At least two schedules.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">Fewer than two schedules.</exception>
    public static ProductSchedule Product(IEnumerable<Schedule> schedules) => new(schedules);

    /// <summary><paramref name="factor"/> times <paramref name="schedule"/> (see <see cref="ScaleSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="factor">The factor, &gt;= 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ScaleSchedule Scale(Schedule schedule, double factor) => new(schedule, factor);

    /// <summary><paramref name="schedule"/> confined to [<paramref name="minimum"/>, <paramref name="maximum"/>] (see <see cref="ClampSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="minimum">The lowest value.</param>
    /// <param name="maximum">The highest value.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static ClampSchedule Clamp(Schedule schedule, double minimum, double maximum) => new(schedule, minimum, maximum);

    /// <summary><paramref name="schedule"/> with every length multiplied by <paramref name="factor"/>, <c>inner(t / factor)</c> (see <see cref="StretchSchedule"/>).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="factor">The factor, &gt; 0, e.g. steps per epoch.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static StretchSchedule Stretch(Schedule schedule, double factor) => new(schedule, factor);
}
