using CsCheck;
using WarmRestarts.Family;

namespace WarmRestarts.Tests.Family;

public class ScheduleInvariantsTests
{
    [Fact]
    public void Evaluation_allocates_nothing()
    {
        var failures = new List<string>();
        foreach (var schedule in ScheduleCatalog.All)
        {
            var sum = 0.0;
            var allocated = AllocationProbe.Least(() => sum = Run(schedule));
            Assert.True(double.IsFinite(sum));
            if (allocated != 0)
            {
                failures.Add($"{schedule}: {allocated} bytes");
            }
        }

        Assert.Empty(failures);
    }

    private static double Run(Schedule schedule)
    {
        var sum = 0.0;
        for (var i = 0; i < 10_000; i++)
        {
            sum += schedule.Evaluate(i * 0.37);
            if (schedule.TryGetCycle(i * 0.37, out var cycle))
            {
                sum += cycle.Fraction;
            }
        }

        return sum;
    }

    [Fact]
    public void Every_progress_gives_a_finite_value()
    {
        double[] special = [double.NaN, double.NegativeInfinity, -1, 0, double.Epsilon, 0.5, 1e15, Expect.Far, Schedule.MaxProgress, 1e300, double.MaxValue, double.PositiveInfinity];
        foreach (var schedule in ScheduleCatalog.All)
        {
            foreach (var t in special)
            {
                Assert.True(double.IsFinite(schedule.Evaluate(t)), $"{schedule} at {t}");
            }
        }

        Gen.Double.Sample(t =>
        {
            foreach (var schedule in ScheduleCatalog.All)
            {
                Assert.True(double.IsFinite(schedule.Evaluate(t)), $"{schedule} at {t:R}");
            }
        });
    }

    [Fact]
    public void Negative_and_nan_progress_read_as_zero()
    {
        foreach (var schedule in ScheduleCatalog.All)
        {
            Assert.Equal(schedule.Evaluate(0), schedule.Evaluate(-3));
            Assert.Equal(schedule.Evaluate(0), schedule.Evaluate(double.NaN));
        }
    }

    [Fact]
    public void Equal_parameters_give_equal_schedules_and_specs_round_trip_identity()
    {
        var first = ScheduleCatalog.All.ToList();
        var again = ScheduleCatalog.All.Select(s => s.ToString()).ToList();
        Assert.Equal(again, first.Select(s => s.ToString()));
        Assert.Equal(first.Count, first.Select(s => s.ToString()).Distinct().Count());
        for (var i = 0; i < first.Count; i++)
        {
            for (var j = 0; j < first.Count; j++)
            {
                Assert.Equal(i == j, first[i].Equals(first[j]));
            }
        }
    }

    [Fact]
    public void Equality_follows_every_parameter()
    {
        AssertSame(Schedules.Step(0.1, 30, 0.1), Schedules.Step(0.1, 30, 0.1));
        Assert.NotEqual(Schedules.Step(0.1, 30, 0.1), Schedules.Step(0.1, 31, 0.1));
        AssertSame(Schedules.MultiStep(0.1, [60, 30], 0.1), Schedules.MultiStep(0.1, [30, 60], 0.1));
        Assert.NotEqual(Schedules.MultiStep(0.1, [30, 30, 60], 0.1), Schedules.MultiStep(0.1, [30, 60], 0.1));
        Assert.NotEqual<Schedule>(Schedules.Exponential(0.1, 0.9), Schedules.Exponential(0.1, 0.9, staircase: true));
        Assert.NotEqual<Schedule>(Schedules.Exponential(0.1, 0.9), Schedules.Exponential(0.1, 0.9, end: 0.0));
        Assert.NotEqual<Schedule>(Schedules.CosineAnnealing(0.1, 0, 10), Schedules.CosineAnnealing(0.1, 0, 10, 2));
        Assert.NotEqual<Schedule>(Schedules.PiecewiseConstant([1], [1, 2]), Schedules.PiecewiseConstant([1], [1, 2], true));
        Assert.NotEqual<Schedule>(Schedules.OneCycle(0.1, 100), Schedules.OneCycle(0.1, 100, threePhase: true));
        Assert.NotEqual<Schedule>(Schedules.OneCycle(0.1, 100), Schedules.OneCycle(0.1, 100, finalDivFactor: 1e3));
        Assert.NotEqual<Schedule>(Schedules.Cyclic(0.1, 0.2, 3), Schedules.Cyclic(0.1, 0.2, 3, mode: CyclicMode.Triangular2));
        Assert.NotEqual<Schedule>(Schedules.Linear(0, 1, 10), Schedules.Polynomial(0, 1, 10, 1));
        AssertSame(Schedules.WarmupStableDecay(0.1, 1, 2, 3), Schedules.WarmupStableDecay(0.1, 1, 2, 3, decayShape: WarmRestarts.Restarts.CycleShape.Linear));
    }

    private static void AssertSame(Schedule a, Schedule b)
    {
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Fact]
    public void Family_schedules_have_no_restart_cycles()
    {
        foreach (var schedule in ScheduleCatalog.Family)
        {
            Assert.False(schedule.TryGetCycle(12.5, out var cycle), schedule.ToString());
            Assert.Equal(default, cycle);
        }
    }
}
