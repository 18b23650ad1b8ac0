using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts.Cli.Inspection;

/// <summary>Where a warm-restarts engine sits inside a composite: global progress = <c>Offset + Scale · local</c> while it runs (from <c>Offset</c> to <c>Until</c>).</summary>
internal sealed record EngineLocation(WarmRestartsSchedule Engine, double Offset, double Scale, double Until, double? OuterWarmup)
{
    /// <summary>Global progress for the engine's local progress.</summary>
    public double Global(double local) => Offset + (Scale * local);

    /// <summary>The engine's local progress for a global one.</summary>
    public double Local(double global) => (global - Offset) / Scale;
}

/// <summary>A point where a schedule changes regime (a step decay, a phase end, a sequence boundary), in global progress.</summary>
internal readonly record struct Milestone(double At, string What);

/// <summary>
/// Reads a schedule tree through the combinators' public read-only members (<c>Inner</c>, <c>Schedules</c>,
/// <c>Boundaries</c>, <c>Length</c>, <c>Factor</c>): the warm-restarts engine inside it, and its milestones,
/// each mapped to the outer schedule's progress.
/// </summary>
internal static class ScheduleInspector
{
    /// <summary>The first warm-restarts engine in the tree, or null.</summary>
    public static EngineLocation? FindEngine(Schedule schedule) => Find(schedule, 0.0, 1.0, double.PositiveInfinity, null);

    /// <summary>The milestones up to <paramref name="horizon"/>, sorted, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<Milestone> Milestones(Schedule schedule, double horizon, int max = 1000)
    {
        var found = new List<Milestone>();
        Collect(schedule, 0.0, 1.0, horizon, found, max);
        // A boundary at the smallest double only keeps the constructor's value at t = 0 (timm): not a milestone.
        return [.. found.Where(m => m.At > double.Epsilon && m.At <= horizon).OrderBy(m => m.At).DistinctBy(m => m.At).Take(max)];
    }

    private static EngineLocation? Find(Schedule schedule, double offset, double scale, double until, double? warmup)
    {
        switch (schedule)
        {
            case WarmRestartsSchedule engine:
                return new EngineLocation(engine, offset, scale, until, warmup);
            case WarmupSchedule w:
                return Find(w.Inner, offset + (scale * w.Length), scale, until, (warmup ?? 0) + (scale * w.Length));
            case StretchSchedule s:
                return Find(s.Inner, offset, scale * s.Factor, until, warmup);
            case ScaleSchedule s:
                return Find(s.Inner, offset, scale, until, warmup);
            case ClampSchedule c:
                return Find(c.Inner, offset, scale, until, warmup);
            case ProductSchedule p:
                return p.Schedules.Select(child => Find(child, offset, scale, until, warmup)).FirstOrDefault(found => found is not null);
            case SequenceSchedule q:
                for (var k = 0; k < q.Schedules.Count; k++)
                {
                    var start = k == 0 ? 0.0 : q.Boundaries[k - 1];
                    var end = k < q.Boundaries.Count ? offset + (scale * q.Boundaries[k]) : until;
                    var childOffset = q.RestartClock ? offset + (scale * start) : offset;
                    if (Find(q.Schedules[k], childOffset, scale, Math.Min(end, until), k == 0 ? warmup : null) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static void Collect(Schedule schedule, double offset, double scale, double horizon, List<Milestone> found, int max)
    {
        if (found.Count >= max)
        {
            return;
        }

        double G(double local) => offset + (scale * local);
        void Add(double local, string what)
        {
            if (found.Count < max && G(local) <= horizon)
            {
                found.Add(new Milestone(G(local), what));
            }
        }

        switch (schedule)
        {
            case MultiStepSchedule m:
                foreach (var milestone in m.Milestones)
                {
                    Add(milestone, "step decay x" + Show(m.Gamma));
                }

                break;
            case StepSchedule s:
                for (var k = 1; k <= max && G(k * s.StepSize) <= horizon; k++)
                {
                    Add(k * s.StepSize, "step decay x" + Show(s.Gamma));
                }

                break;
            case ExponentialSchedule { Staircase: true } e:
                for (var k = 1; k <= max && G(k * e.DecayLength) <= horizon; k++)
                {
                    Add(k * e.DecayLength, "staircase decay x" + Show(e.DecayRate));
                }

                break;
            case PiecewiseConstantSchedule p:
                foreach (var boundary in p.Boundaries)
                {
                    Add(boundary, "value change");
                }

                break;
            case PiecewiseLinearSchedule p:
                foreach (var point in p.Points)
                {
                    Add(point.Progress, "knot");
                }

                break;
            case WarmupStableDecaySchedule w:
                Add(w.Warmup, "warm-up ends");
                Add(w.Warmup + w.Stable, "decay starts");
                Add(w.End, "decay ends");
                break;
            case OneCycleSchedule o:
                Add(o.PctStart * o.Total, "peak");
                Add(o.Total, "end");
                break;
            case CosineAnnealingSchedule c:
                Add(c.Length, "annealing ends");
                break;
            case LinearSchedule l:
                Add(l.Length, "ramp ends");
                break;
            case PolynomialSchedule { Cycle: false } p:
                Add(p.Length, "decay ends");
                break;
            case WarmRestartsSchedule r:
                if (r.Warmup > 0 && r.WarmupMode == WarmupMode.Once)
                {
                    Add(r.Warmup, "warm-up ends");
                }

                if (r.End is { } end)
                {
                    Add(end, "cycle limit reached");
                }

                break;
            case WarmupSchedule w:
                Add(w.Length, "warm-up ends");
                Collect(w.Inner, G(w.Length), scale, horizon, found, max);
                break;
            case StretchSchedule s:
                Collect(s.Inner, offset, scale * s.Factor, horizon, found, max);
                break;
            case ScaleSchedule s:
                Collect(s.Inner, offset, scale, horizon, found, max);
                break;
            case ClampSchedule c:
                Collect(c.Inner, offset, scale, horizon, found, max);
                break;
            case ProductSchedule p:
                foreach (var child in p.Schedules)
                {
                    Collect(child, offset, scale, horizon, found, max);
                }

                break;
            case SequenceSchedule q:
                for (var k = 0; k < q.Schedules.Count; k++)
                {
                    var start = k == 0 ? 0.0 : q.Boundaries[k - 1];
                    if (k > 0)
                    {
                        Add(start, "switch to schedule " + k);
                    }

                    var childEnd = k < q.Boundaries.Count ? G(q.Boundaries[k]) : horizon;
                    var childFound = new List<Milestone>();
                    Collect(q.Schedules[k], q.RestartClock ? G(start) : offset, scale, Math.Min(childEnd, horizon), childFound, max);
                    found.AddRange(childFound.Where(m => m.At > G(start) && m.At < childEnd));
                }

                break;
        }
    }

    private static string Show(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
