using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

public class CycleBudgetTests
{
    [Fact]
    public void Exact_whole_first_cycle_is_found()
    {
        // 3 cycles doubling: T_0 + 2 T_0 + 4 T_0 = 70 -> T_0 = 10.
        var fit = CycleBudget.Fit(totalLength: 70, cycles: 3, cycleGrowth: 2);
        Assert.True(fit.IsExactWhole);
        Assert.Equal(10, fit.FirstCycle);
        Assert.Equal(new BudgetCandidate(10, 70, 0), Assert.Single(fit.Candidates));
        Assert.Equal("first_cycle=10 ends cycle 3 exactly at 70", fit.ToString());
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 1, FirstCycle = 10, CycleGrowth = 2, CycleLimit = 3 });
        Assert.Equal(70, schedule.End);
    }

    [Fact]
    public void No_whole_solution_names_the_nearest_ones()
    {
        // 100 / 7 = 14.2857...: 14 ends at 98, 15 at 105.
        var fit = CycleBudget.Fit(100, 3, 2);
        Assert.False(fit.IsExactWhole);
        Assert.Equal(100.0 / 7, fit.FirstCycle, 15);
        Assert.Equal([new BudgetCandidate(14, 98, -2), new BudgetCandidate(15, 105, 5)], fit.Candidates);
        Assert.Equal(
            "no whole first cycle fits 3 cycles into 100 exactly (exact: 14.285714285714286); first_cycle=14 ends cycle 3 at 98 (2 before the run's end); first_cycle=15 ends cycle 3 at 105 (5 after the run's end)",
            fit.ToString());
    }

    [Fact]
    public void Equal_cycles_and_real_growth()
    {
        Assert.Equal(12.5, CycleBudget.Fit(50, 4, 1).FirstCycle);
        var fit = CycleBudget.Fit(19, 3, 1.5); // T_0 (1 + 1.5 + 2.25) = 4.75 T_0 = 19 -> 4
        Assert.True(fit.IsExactWhole);
        Assert.Equal(4, fit.Candidates[0].FirstCycle);
    }

    [Fact]
    public void Runs_shorter_than_one_unit_per_cycle_suggest_one()
    {
        var fit = CycleBudget.Fit(5, 4, 2); // 15 T_0 = 5
        Assert.False(fit.IsExactWhole);
        Assert.Equal(new BudgetCandidate(1, 15, 10), Assert.Single(fit.Candidates));
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.StartsWith("totalLength must be a finite number > 0", Assert.Throws<ScheduleArgumentException>(() => CycleBudget.Fit(0, 3, 2)).Message, StringComparison.Ordinal);
        Assert.StartsWith("cycles must be an integer >= 1", Assert.Throws<ScheduleArgumentException>(() => CycleBudget.Fit(10, 0, 2)).Message, StringComparison.Ordinal);
        Assert.StartsWith("cycleGrowth must be a finite number >= 1", Assert.Throws<ScheduleArgumentException>(() => CycleBudget.Fit(10, 2, 0.9)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_uses_the_given_name_and_refuses_an_empty_one()
    {
        var fit = CycleBudget.Fit(100, 3, 2);
        Assert.Equal(fit.ToString().Replace("first_cycle=", "T_0=", StringComparison.Ordinal), fit.Describe("T_0"));
        Assert.StartsWith("firstCycleName must be a parameter name", Assert.Throws<ScheduleArgumentException>(() => fit.Describe(" ")).Message, StringComparison.Ordinal);
    }
}
