using System.Globalization;
using WarmRestarts.Internal;

namespace WarmRestarts.Restarts;

/// <summary>
/// Budget fitting: the first-cycle length <c>T_0</c> whose last cycle ends exactly with the run, given the run's
/// length, the number of cycles and the growth factor.
/// </summary>
/// <remarks>
/// <c>n</c> cycles growing by <c>T_mult</c> end at <c>S_n = T_0 (T_mult^n − 1) / (T_mult − 1)</c>
/// (<c>n · T_0</c> when <c>T_mult = 1</c>), so <c>T_0 = total (T_mult − 1) / (T_mult^n − 1)</c>. A run ending
/// mid-cycle stops at a high rate and loses SGDR's annealed end point; fitting avoids that.
/// </remarks>
public static class CycleBudget
{
    /// <summary>Fits the first cycle to a run.</summary>
    /// <param name="totalLength">The run's length (steps or epochs), &gt; 0.</param>
    /// <param name="cycles">How many cycles should fit, &gt;= 1.</param>
    /// <param name="cycleGrowth">The growth factor <c>T_mult</c>, &gt;= 1.</param>
    /// <returns>The exact real solution and the nearest whole-number first cycles with where their last cycle ends.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static BudgetFit Fit(double totalLength, int cycles, double cycleGrowth)
    {
        Guard.Positive(totalLength, nameof(totalLength), "give the run's length in the schedule's unit, e.g. 100 epochs");
        Guard.PositiveInt(cycles, nameof(cycles), "give how many cycles should fit in the run");
        Guard.AtLeast(cycleGrowth, 1.0, nameof(cycleGrowth), "give the cycle growth factor T_mult, 1 for equal cycles");
        var span = Span(cycles, cycleGrowth);
        var exact = totalLength / span;
        var lower = Math.Floor(exact);
        var upper = Math.Ceiling(exact);
        var candidates = new List<BudgetCandidate>(2);
        if (lower >= 1)
        {
            candidates.Add(new BudgetCandidate((long)lower, lower * span, (lower * span) - totalLength));
        }

        if (upper != lower || lower < 1)
        {
            var whole = Math.Max(upper, 1.0);
            candidates.Add(new BudgetCandidate((long)whole, whole * span, (whole * span) - totalLength));
        }

        var isExact = lower == exact && lower >= 1 && lower * span == totalLength;
        return new BudgetFit(totalLength, cycles, cycleGrowth, exact, isExact, candidates);
    }

    /// <summary>Where <paramref name="cycles"/> cycles end for a first cycle of length 1.</summary>
    internal static double Span(int cycles, double cycleGrowth) =>
        cycleGrowth == 1.0 ? cycles : (Math.Pow(cycleGrowth, cycles) - 1.0) / (cycleGrowth - 1.0);
}

/// <summary>A whole-number first cycle and where its last cycle ends.</summary>
/// <param name="FirstCycle">The first cycle's length <c>T_0</c>.</param>
/// <param name="RunEnd">Where the last of the requested cycles ends with it.</param>
/// <param name="Difference">How far that is past (positive) or before (negative) the end of the run.</param>
public readonly record struct BudgetCandidate(long FirstCycle, double RunEnd, double Difference);

/// <summary>The result of <see cref="CycleBudget.Fit(double, int, double)"/>.</summary>
/// <param name="TotalLength">The run's length.</param>
/// <param name="Cycles">The number of cycles.</param>
/// <param name="CycleGrowth">The growth factor.</param>
/// <param name="FirstCycle">The exact, possibly fractional, first-cycle length whose last cycle ends with the run.</param>
/// <param name="IsExactWhole">Whether <see cref="FirstCycle"/> is a whole number that fits exactly.</param>
/// <param name="Candidates">The nearest whole-number first cycles (one when exact, else the one below and the one above).</param>
public sealed record BudgetFit(double TotalLength, int Cycles, double CycleGrowth, double FirstCycle, bool IsExactWhole, IReadOnlyList<BudgetCandidate> Candidates)
{
    /// <summary>One line saying what fits: the exact whole first cycle, or why none exists and what the nearest give.</summary>
    /// <returns>E.g. <c>first_cycle=10 ends cycle 3 exactly at 70</c>.</returns>
    public override string ToString() => Describe("first_cycle");

    /// <summary>
    /// The same line as <see cref="ToString"/>, with the first cycle under another parameter name: the one of the spec
    /// being fitted (<c>T_0</c> for PyTorch, <c>t_initial</c> for timm, <c>first_decay_steps</c> for Keras).
    /// </summary>
    /// <param name="firstCycleName">The name of the first cycle's length, e.g. <c>T_0</c>.</param>
    /// <returns>E.g. <c>T_0=10 ends cycle 3 exactly at 70</c>.</returns>
    /// <exception cref="ScheduleArgumentException">The name is empty.</exception>
    public string Describe(string firstCycleName)
    {
        if (string.IsNullOrWhiteSpace(firstCycleName))
        {
            throw Guard.Fail(nameof(firstCycleName), "a parameter name such as T_0", $"'{firstCycleName}'", "give the name of the first cycle's length in the spec");
        }

        var inv = CultureInfo.InvariantCulture;
        if (IsExactWhole)
        {
            return string.Format(inv, "{0}={1} ends cycle {2} exactly at {3}", firstCycleName, Candidates[0].FirstCycle, Cycles, Guard.Show(TotalLength));
        }

        var parts = Candidates.Select(c => string.Format(
            inv,
            "{0}={1} ends cycle {2} at {3} ({4} {5} the run's end)",
            firstCycleName,
            c.FirstCycle,
            Cycles,
            Guard.Show(c.RunEnd),
            Guard.Show(Math.Abs(c.Difference)),
            c.Difference < 0 ? "before" : "after"));
        return string.Format(inv, "no whole first cycle fits {0} cycles into {1} exactly (exact: {2}); ", Cycles, Guard.Show(TotalLength), Guard.Show(FirstCycle))
            + string.Join("; ", parts);
    }
}
