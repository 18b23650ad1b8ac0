namespace WarmRestarts.Cli.Inspection;

/// <summary>One restart cycle as <c>describe</c> shows it, in the outer schedule's progress.</summary>
/// <param name="Index">Cycle index (0 is the first).</param>
/// <param name="Start">Where it starts (its restart; for cycle 0 the end of a one-time warm-up).</param>
/// <param name="Length">Its length; infinity for the floor that holds past a cycle limit.</param>
/// <param name="Peak">The highest rate in the cycle (sampled).</param>
/// <param name="Floor">The rate the cycle anneals to: its value just before its end (the lowest sampled value for the past-limit floor).</param>
/// <param name="IsPastLimit">Whether this row is the floor after the last cycle of a cycle limit.</param>
internal readonly record struct CycleRow(long Index, double Start, double Length, double Peak, double Floor, bool IsPastLimit)
{
    public double End => Start + Length;
}

/// <summary>The restart cycles of a schedule that start before a horizon, found with <see cref="Schedule.TryGetCycle"/>.</summary>
internal static class CycleTable
{
    private const int Samples = 256;

    public static IReadOnlyList<CycleRow> Cycles(Schedule schedule, double horizon, int max = 1000)
    {
        var rows = new List<CycleRow>();
        var t = 0.0;
        if (!schedule.TryGetCycle(0, out _))
        {
            // Cycles may start later (a sequence whose later part restarts).
            if (ScheduleInspector.FindEngine(schedule) is not { } location || !(location.Offset < horizon))
            {
                return rows;
            }

            t = location.Offset;

            // An overlay (timm's warmup_prefix=False) runs the engine on the global clock but only from its segment on.
            if (!schedule.TryGetCycle(t, out _))
            {
                t = ScheduleInspector.Milestones(schedule, horizon).Select(m => m.At).Prepend(Math.BitIncrement(t)).FirstOrDefault(at => schedule.TryGetCycle(at, out _), horizon);
            }
        }

        while (rows.Count < max && t < horizon && schedule.TryGetCycle(t, out var cycle))
        {
            if (cycle.IsPastLimit)
            {
                var value = schedule.Evaluate(Math.Max(t, cycle.Start));
                rows.Add(new CycleRow(cycle.Index, cycle.Start, double.PositiveInfinity, value, value, true));
                break;
            }

            var (peak, floor) = PeakAndFloor(schedule, cycle.Start, cycle.End);
            rows.Add(new CycleRow(cycle.Index, cycle.Start, cycle.Length, peak, floor, false));
            var next = cycle.End;
            if (!(next > t) || double.IsInfinity(next))
            {
                break;
            }

            t = next;
        }

        return rows;
    }

    /// <summary>The restarts (starts of cycles after the first) before the horizon.</summary>
    public static IReadOnlyList<double> Restarts(IReadOnlyList<CycleRow> cycles, double horizon) =>
        [.. cycles.Where(c => c.Index > 0 && !c.IsPastLimit && c.Start < horizon).Select(c => c.Start)];

    private static (double Peak, double Floor) PeakAndFloor(Schedule schedule, double start, double end)
    {
        var peak = schedule.Evaluate(start);
        var low = peak;
        for (var i = 1; i < Samples; i++)
        {
            var value = schedule.Evaluate(start + ((end - start) * i / Samples));
            peak = Math.Max(peak, value);
            low = Math.Min(low, value);
        }

        var atEnd = schedule.Evaluate(Math.BitDecrement(end));
        return (Math.Max(peak, atEnd), Math.Min(low, atEnd));
    }
}
