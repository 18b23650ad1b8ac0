using WarmRestarts.Family;
using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// Schedules one after another: <c>schedules[k]</c> is in force for <c>boundaries[k−1] &lt;= t &lt; boundaries[k]</c>.
/// </summary>
/// <remarks>
/// <para>
/// With <c>restartClock</c> (default) each schedule sees the progress since its segment began,
/// <c>t − boundaries[k−1]</c> (optax <c>join_schedules</c>, PyTorch <c>SequentialLR</c>); without it each sees the
/// global progress <c>t</c> (an overlay such as timm's <c>warmup_prefix=False</c>). The segment is found by binary
/// search.
/// </para>
/// <para>
/// Restart cycles are those of the schedule in force, on the global clock (shifted by the segment start when the
/// clock restarts). A reported cycle may run past the segment's end, where the next schedule takes over.
/// </para>
/// </remarks>
public sealed class SequenceSchedule : Schedule
{
    private readonly Schedule[] _schedules;
    private readonly double[] _boundaries;

    /// <summary>Creates the schedule.</summary>
    /// <param name="schedules">The schedules, one more than <paramref name="boundaries"/>.</param>
    /// <param name="boundaries">Where each next schedule takes over: strictly increasing, finite, &gt; 0.</param>
    /// <param name="restartClock">Whether each schedule starts its own clock at its boundary.</param>
    /// <exception cref="ScheduleArgumentException">The lists are out of range, unsorted or of mismatched lengths.</exception>
    public SequenceSchedule(IEnumerable<Schedule> schedules, IEnumerable<double> boundaries, bool restartClock = true)
    {
        _schedules = Guard.NotNull(schedules, nameof(schedules), "give the schedules in the order they run").ToArray();
        _boundaries = Guard.NotNull(boundaries, nameof(boundaries), "give the progress points where the next schedule takes over").ToArray();
        for (var i = 0; i < _schedules.Length; i++)
        {
            Guard.NotNull(_schedules[i], nameof(schedules), $"give a schedule at index {i}");
        }

        for (var i = 0; i < _boundaries.Length; i++)
        {
            Guard.Positive(_boundaries[i], nameof(boundaries), "give every boundary as a progress point > 0 in the schedule's unit");
            if (i > 0 && _boundaries[i] <= _boundaries[i - 1])
            {
                throw Guard.Fail(nameof(boundaries), "strictly increasing", $"{Guard.Show(_boundaries[i - 1])} followed by {Guard.Show(_boundaries[i])}", "sort the boundaries and remove duplicates");
            }
        }

        if (_boundaries.Length == 0)
        {
            throw Guard.Fail(nameof(boundaries), "at least one boundary", "an empty list", "give where the second schedule takes over, or use the single schedule directly");
        }

        if (_schedules.Length != _boundaries.Length + 1)
        {
            throw Guard.Fail(nameof(schedules), $"one more than boundaries ({_boundaries.Length + 1} schedules)", $"{_schedules.Length} schedules", "give one schedule before the first boundary and one after each boundary");
        }

        RestartClock = restartClock;
        Schedules = Array.AsReadOnly(_schedules);
        Boundaries = Array.AsReadOnly(_boundaries);
    }

    /// <summary>The schedules, in the order they run.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <summary>Where each next schedule takes over.</summary>
    public IReadOnlyList<double> Boundaries { get; }

    /// <summary>Whether each schedule starts its own clock at its boundary.</summary>
    public bool RestartClock { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        var k = SortedSearch.CountAtOrBelow(_boundaries, t);
        return _schedules[k].EvaluateCore(Local(k, t));
    }

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        var k = SortedSearch.CountAtOrBelow(_boundaries, t);
        if (!_schedules[k].TryGetCycleCore(Local(k, t), out var inner))
        {
            cycle = default;
            return false;
        }

        cycle = RestartClock && k > 0 ? inner with { Start = inner.Start + _boundaries[k - 1] } : inner;
        return true;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("sequence")
            .Argument("schedules", _schedules)
            .Argument("boundaries", _boundaries)
            .Argument("restart_clock", RestartClock)
            .EndCall();

    /// <summary>The progress schedule <paramref name="k"/> sees at global <paramref name="t"/> (never negative: t &gt;= its boundary).</summary>
    private double Local(int k, double t) => RestartClock && k > 0 ? t - _boundaries[k - 1] : t;
}
