using System.Globalization;
using WarmRestarts.Restarts;

namespace WarmRestarts.Cli.Inspection;

/// <summary>A problem with a schedule over a run, and how to fix it.</summary>
internal sealed record LintWarning(string Code, string Problem, string Fix);

/// <summary>
/// Checks a restart schedule against the run it is meant for (t = 0..N-1, the run covering [0, N)): a run that
/// ends mid-cycle at a high rate, a warm-up longer than the first cycle, a floor at or above the peak, a cycle
/// limit reached long before the end, a first cycle longer than the run.
/// </summary>
internal static class Linter
{
    /// <summary>The share of the run the floor may hold after a cycle limit before it is flagged.</summary>
    public const double IdleShare = 0.25;

    /// <summary>How high (as a share of peak − floor above the floor) the last rate may be before an unfinished cycle is flagged.</summary>
    public const double HighShare = 0.25;

    /// <summary>The warnings for a run of <paramref name="steps"/> points; fixes name the first cycle <paramref name="firstCycleName"/>.</summary>
    public static IReadOnlyList<LintWarning> Check(Schedule schedule, long steps, IReadOnlyList<CycleRow> cycles, string firstCycleName = "first_cycle")
    {
        var warnings = new List<LintWarning>();
        if (ScheduleInspector.FindEngine(schedule) is not { } location || cycles.Count == 0)
        {
            return warnings;
        }

        var engine = location.Engine;
        var run = (double)steps;
        var growth = engine.CycleGrowth;
        var prefix = engine.WarmupMode == WarmupMode.Once ? engine.Warmup : 0.0;
        var localRun = location.Local(Math.Min(run, location.Until)) - prefix;
        var units = location.Scale == 1.0 ? string.Empty : " (in the engine's own units)";

        if (engine.Floor >= engine.Peak)
        {
            warnings.Add(new LintWarning(
                "floor-at-peak",
                $"the floor ({Show(engine.Floor)}) is not below the peak ({Show(engine.Peak)}): every cycle is flat, nothing anneals",
                $"lower the floor (eta_min) below the peak, e.g. floor={Show(engine.Peak / 100)}, or use constant(value={Show(engine.Peak)})"));
        }

        var warmup = (location.OuterWarmup ?? 0.0) + (prefix * location.Scale);
        var firstCycle = engine.FirstCycle * location.Scale;
        if (warmup > firstCycle)
        {
            warnings.Add(new LintWarning(
                "warmup-longer-than-cycle",
                $"the warm-up ({Show(warmup)}) is longer than the first cycle ({Show(firstCycle)})",
                $"shorten the warm-up to at most {Show(firstCycle)}, or lengthen the first cycle to at least {Show(warmup)}"));
        }

        var first = cycles[0];
        if (!first.IsPastLimit && first.End > run && first.Index == 0)
        {
            warnings.Add(new LintWarning(
                "first-cycle-longer-than-run",
                $"the first cycle ends at {Show(first.End)}, after the run's end ({steps}): the run never restarts and stops before annealing",
                localRun > 0 ? $"fit the cycles to the run{units}: {CycleBudget.Fit(localRun, 2, growth).Describe(firstCycleName)}; or {firstCycleName}={Show(localRun)} for a single annealing" : "start the restarts within the run"));
        }
        else if (cycles[^1] is { IsPastLimit: false } last && last.End > run && schedule.TryGetCycle(run - 1, out var endCycle) && !endCycle.IsPastLimit)
        {
            var rate = schedule.Evaluate(run - 1);
            if (last.Peak > last.Floor && rate > last.Floor + (HighShare * (last.Peak - last.Floor)))
            {
                var done = (run - last.Start) / last.Length;
                var fit = localRun > 0 ? CycleBudget.Fit(localRun, checked((int)Math.Min(last.Index + 1, int.MaxValue)), growth).Describe(firstCycleName) : "start the restarts within the run";
                warnings.Add(new LintWarning(
                    "ends-mid-cycle",
                    $"the run ends {Percent(done)} into cycle {last.Index} (of length {Show(last.Length)}) at rate {Show(rate)}, far above its floor {Show(last.Floor)}",
                    $"fit the cycles to the run{units} so the last one ends with it: {fit}"));
            }
        }

        if (engine.End is { } end && engine.CycleLimit is { } limit)
        {
            var endGlobal = location.Global(end);
            if (endGlobal < run && (run - endGlobal) / run > IdleShare)
            {
                warnings.Add(new LintWarning(
                    "cycle-limit-early",
                    $"the last of cycle_limit={limit} cycles ends at {Show(endGlobal)}; the floor then holds for {Percent((run - endGlobal) / run)} of the run",
                    localRun > 0 ? $"stretch the cycles to the run{units}: {CycleBudget.Fit(localRun, limit, growth).Describe(firstCycleName)}; or raise cycle_limit" : "raise cycle_limit"));
            }
        }

        return warnings;
    }

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
