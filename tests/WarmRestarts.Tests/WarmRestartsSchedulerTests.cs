using CsCheck;

namespace WarmRestarts.Tests;

public class WarmRestartsSchedulerTests
{
    private static double Sgdr(double peak, double floor, double tCur, double tI) =>
        floor + (0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * tCur / tI)));

    [Fact]
    public void Learning_rate_after_construction_is_the_epoch_zero_rate()
    {
        var scheduler = new WarmRestartsScheduler(initialLearningRate: 0.1, restartInterval: 10);
        Assert.Equal(0.1, scheduler.LearningRate);
        Assert.Equal(0, scheduler.Epoch);
    }

    [Fact]
    public void Each_epoch_follows_sgdr_with_doubling_intervals()
    {
        var scheduler = new WarmRestartsScheduler(initialLearningRate: 0.1, restartInterval: 10, minLearningRate: 1e-6, intervalMultiplier: 2);
        var expected = new List<double>();
        for (var epoch = 0; epoch < 70; epoch++)
        {
            var (start, length) = epoch < 10 ? (0, 10) : epoch < 30 ? (10, 20) : (30, 40);
            expected.Add(Sgdr(0.1, 1e-6, epoch - start, length));
        }

        var actual = new List<double> { scheduler.LearningRate };
        for (var epoch = 1; epoch < 70; epoch++)
        {
            var returned = scheduler.ScheduleNextEpoch();
            Assert.Equal(returned, scheduler.LearningRate);
            actual.Add(returned);
        }

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i], 15);
        }

        Assert.Equal(0.1, actual[10]);
        Assert.Equal(0.1, actual[30]);
        Assert.True(actual[29] < 0.001);
    }

    [Fact]
    public void Set_learning_rate_overrides_the_current_epoch_only()
    {
        var scheduler = new WarmRestartsScheduler(0.1, 4, 0, 1);
        scheduler.SetLearningRate(0.5);
        Assert.Equal(0.5, scheduler.LearningRate);
        Assert.Equal(Sgdr(0.1, 0, 1, 4), scheduler.ScheduleNextEpoch(), 15);
        Assert.Equal(Sgdr(0.1, 0, 1, 4), scheduler.LearningRate, 15);
    }

    [Fact]
    public void Cycle_reports_restarts()
    {
        var scheduler = new WarmRestartsScheduler(0.1, 2, 0, 2);
        for (var i = 0; i < 6; i++)
        {
            scheduler.ScheduleNextEpoch();
        }

        Assert.Equal(2, scheduler.Cycle.Index);
        Assert.Equal(6, scheduler.Cycle.Start);
    }

    public static TheoryData<Func<WarmRestartsScheduler>, string, string> BadArguments() => new()
    {
        { () => new WarmRestartsScheduler(double.NaN, 10), "initialLearningRate", "initialLearningRate must be a finite number >= 0, but was NaN" },
        { () => new WarmRestartsScheduler(-0.1, 10), "initialLearningRate", "but was -0.1" },
        { () => new WarmRestartsScheduler(double.PositiveInfinity, 10), "initialLearningRate", "but was infinity" },
        { () => new WarmRestartsScheduler(0.1, 10, -1e-6), "minLearningRate", "minLearningRate must be a finite number >= 0, but was -1E-06" },
        { () => new WarmRestartsScheduler(0.1, 10, 0.2), "minLearningRate", "minLearningRate must be <= initialLearningRate (0.1), but was 0.2" },
        { () => new WarmRestartsScheduler(0.1, 0), "restartInterval", "restartInterval must be an integer >= 1, but was 0" },
        { () => new WarmRestartsScheduler(0.1, -5), "restartInterval", "but was -5" },
        { () => new WarmRestartsScheduler(0.1, 10, 0, 0.5), "intervalMultiplier", "intervalMultiplier must be a finite number >= 1, but was 0.5" },
        { () => new WarmRestartsScheduler(0.1, 10, 0, double.NaN), "intervalMultiplier", "but was NaN" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_throw_argument_exceptions_naming_the_parameter(Func<WarmRestartsScheduler> create, string parameter, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_learning_rate_rejects_bad_values()
    {
        var scheduler = new WarmRestartsScheduler(0.1, 10);
        var error = Assert.Throws<ScheduleArgumentException>(() => scheduler.SetLearningRate(double.NaN));
        Assert.Equal("learningRate must be a finite number >= 0, but was NaN; give a finite learning rate >= 0.", error.Message);
    }

    [Fact]
    public void Stepping_epoch_by_epoch_gives_the_pure_schedule_bit_for_bit_across_restarts_and_overrides()
    {
        // ScheduleNextEpoch keeps the current cycle; each value must still be exactly Schedule.Evaluate(epoch).
        Gen.Select(Gen.Double[0.001, 10], Gen.Double[0, 1], Gen.Int[1, 40], Gen.OneOf(Gen.Const(1.0), Gen.Const(1.5), Gen.Const(2.0), Gen.Const(3.0), Gen.Const(1.0 + 1e-9), Gen.Double[1, 3]), Gen.Int[1, 3000])
            .Sample((peak, floorShare, interval, multiplier, epochs) =>
            {
                var floor = peak * floorShare;
                var scheduler = new WarmRestartsScheduler(peak, interval, floor, multiplier);
                for (var epoch = 1; epoch <= epochs; epoch++)
                {
                    if (epoch % 97 == 0)
                    {
                        scheduler.SetLearningRate(peak / 2); // an override is dropped by the next epoch
                    }

                    var rate = scheduler.ScheduleNextEpoch();
                    if (BitConverter.DoubleToInt64Bits(rate) != BitConverter.DoubleToInt64Bits(scheduler.Schedule.Evaluate(epoch)))
                    {
                        return false;
                    }
                }

                return BitConverter.DoubleToInt64Bits(scheduler.LearningRate) == BitConverter.DoubleToInt64Bits(scheduler.Schedule.Evaluate(epochs));
            }, iter: 300);
    }
}
