using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

public class WarmRestartsScheduleTests
{
    // SGDR eq. (5) written out by hand for the named points.
    private static double Sgdr(double peak, double floor, double tCur, double tI) =>
        floor + (0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * tCur / tI)));

    [Fact]
    public void Restart_at_log_rounding_boundary_returns_peak()
    {
        // T_0 = 1, T_mult = 3: restarts at 1, 4, 13, 40, 121. math.log(243, 3) = 4.999999999999999 puts 121 in
        // cycle 4 upstream; the cycle is 5 and the rate is the peak.
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0.0, firstCycle: 1, cycleGrowth: 3);
        Assert.Equal(0.1, schedule.Evaluate(121));
        var cycle = schedule.CycleAt(121);
        Assert.Equal(5, cycle.Index);
        Assert.Equal(121, cycle.Start);
        Assert.Equal(243, cycle.Length);
        Assert.Equal(0, cycle.Position);
        Assert.Equal([1.0, 4, 13, 40, 121, 364], schedule.RestartsUntil(364));
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(5.0, 0.05)]
    [InlineData(10.0, 0.1)]
    [InlineData(20.0, 0.05)]
    [InlineData(30.0, 0.1)]
    public void Named_points_follow_sgdr_formula(double t, double expected)
    {
        var schedule = Schedules.WarmRestarts(peak: 0.1, floor: 0.0, firstCycle: 10, cycleGrowth: 2);
        Assert.Equal(expected, schedule.Evaluate(t), 15);
    }

    [Fact]
    public void Far_future_is_exact_and_finite()
    {
        var schedule = Schedules.WarmRestarts(peak: 0.1, floor: 0.001, firstCycle: 10, cycleGrowth: 1);
        var t = Schedule.MaxProgress - 3; // 2^53 - 3: position 9 in a cycle of 10 (2^53 - 3 = 10k + 9)
        Assert.Equal(Sgdr(0.1, 0.001, 9, 10), schedule.Evaluate(t), 15);
        Assert.Equal(0.1, schedule.Evaluate(Schedule.MaxProgress - 2)); // 2^53 - 2 is a multiple of 10
    }
}
