using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

/// <summary>The engine's options, each against its formula written out here.</summary>
public class WarmRestartsEngineTests
{
    private static double Cosine(double peak, double floor, double x) => floor + (0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * x)));

    [Fact]
    public void Cycle_end_approaches_floor_and_restart_jumps_to_peak()
    {
        var schedule = Schedules.WarmRestarts(peak: 0.1, floor: 0.001, firstCycle: 10, cycleGrowth: 2);
        Assert.Equal(Cosine(0.1, 0.001, 9.999 / 10), schedule.Evaluate(9.999), 15);
        Assert.Equal(0.1, schedule.Evaluate(10));
        Assert.Equal(Cosine(0.1, 0.001, 5.0 / 20), schedule.Evaluate(15), 15);
        Assert.Equal(0.1, schedule.Evaluate(30));
        Assert.Equal(Cosine(0.1, 0.001, 39.5 / 40), schedule.Evaluate(69.5), 15);
    }

    [Fact]
    public void Fractional_progress_within_an_epoch_follows_the_cosine()
    {
        // PyTorch's documented scheduler.step(epoch + i / iters): T_cur is fractional.
        var schedule = Schedules.WarmRestarts(peak: 0.05, floor: 0, firstCycle: 2, cycleGrowth: 2);
        for (var i = 0; i < 7; i++)
        {
            var t = 2 + (i / 7.0);
            Assert.Equal(Cosine(0.05, 0, (t - 2) / 4), schedule.Evaluate(t), 15);
        }
    }

    [Fact]
    public void Non_integer_growth_places_restarts_at_partial_sums()
    {
        var schedule = Schedules.WarmRestarts(peak: 1, floor: 0, firstCycle: 4, cycleGrowth: 1.5);
        // S_i = 4 (1.5^i - 1) / 0.5: 0, 4, 10, 19, 32.5
        Assert.Equal([4.0, 10, 19, 32.5], schedule.RestartsUntil(40));
        Assert.Equal(1.0, schedule.Evaluate(32.5));
        Assert.Equal(Cosine(1, 0, 3.0 / 9), schedule.Evaluate(13), 15);
        Assert.Equal(19.0, schedule.NextRestartAfter(10));
    }

    [Fact]
    public void Peak_decay_multiplies_the_peak_per_cycle()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 0.01, FirstCycle = 10, PeakDecay = 0.5 });
        Assert.Equal(0.1, schedule.Evaluate(0));
        Assert.Equal(0.05, schedule.Evaluate(10));
        Assert.Equal(0.025, schedule.Evaluate(20));
        Assert.Equal(Cosine(0.025, 0.01, 0.5), schedule.Evaluate(25), 15);
        // The decayed peak never falls below the floor: 0.1 * 0.5^4 = 0.00625 < 0.01.
        Assert.Equal(0.01, schedule.Evaluate(40));
    }

    [Fact]
    public void Amplitude_decay_leaves_the_floor_untouched()
    {
        // Keras CosineDecayRestarts: initial * ((1 - alpha) * m_mul^i * 0.5 (1 + cos) + alpha).
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = 1.0, Floor = 0.2, FirstCycle = 10, PeakDecay = 0.5, DecayMode = PeakDecayMode.Amplitude,
        });
        Assert.Equal(0.2 + (0.8 * 0.5), schedule.Evaluate(10), 15);
        Assert.Equal(0.2 + (0.8 * 0.25 * 0.5 * (1 + Math.Cos(Math.PI * 0.3))), schedule.Evaluate(23), 15);
    }

    [Fact]
    public void Floor_decay_multiplies_the_floor_per_cycle()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 1, Floor = 0.1, FirstCycle = 10, FloorDecay = 0.5 });
        Assert.Equal(Cosine(1, 0.05, 0.5), schedule.Evaluate(15), 15);
        Assert.Equal(Cosine(1, 0.025, 0.25), schedule.Evaluate(22.5), 15);
    }

    [Fact]
    public void Cycle_limit_holds_the_floor_after_the_last_cycle()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 1, Floor = 0.1, FirstCycle = 10, CycleGrowth = 2, CycleLimit = 2, FloorDecay = 0.5 });
        Assert.Equal(30.0, schedule.End);
        Assert.Equal([10.0], schedule.RestartsUntil(1000));
        Assert.Equal(0.05, schedule.Evaluate(30));
        Assert.Equal(0.05, schedule.Evaluate(1e15));
        var tail = schedule.CycleAt(31);
        Assert.True(tail.IsPastLimit);
        Assert.Equal(2, tail.Index);
        Assert.Equal(30, tail.Start);
        Assert.True(schedule.CycleAt(29).IsLast);
        Assert.Null(schedule.NextRestartAfter(12));
        Assert.Equal(10.0, schedule.NextRestartAfter(0));
    }

    [Fact]
    public void One_time_warmup_is_a_prefix()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 0, FirstCycle = 10, Warmup = 5, WarmupStart = 0.01 });
        Assert.Equal(0.01, schedule.Evaluate(0));
        Assert.Equal(0.01 + (0.09 * 2 / 5), schedule.Evaluate(2), 15);
        Assert.Equal(0.1, schedule.Evaluate(5));
        Assert.Equal(Cosine(0.1, 0, 0.5), schedule.Evaluate(10), 15);
        Assert.Equal(0.1, schedule.Evaluate(15));
        Assert.Equal([15.0, 25], schedule.RestartsUntil(25));
        Assert.Equal(0, schedule.CycleAt(3).Index);
    }

    [Fact]
    public void Warmup_at_every_cycle_is_part_of_the_cycle()
    {
        // optax sgdr_schedule: each piece lasts decay_steps including its warm-up.
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = 1, Floor = 0.1, FirstCycle = 10, Warmup = 2, WarmupMode = WarmupMode.EveryCycle, WarmupStart = 0,
        });
        Assert.Equal(0.0, schedule.Evaluate(0));
        Assert.Equal(0.5, schedule.Evaluate(1), 15);
        Assert.Equal(1.0, schedule.Evaluate(2));
        Assert.Equal(Cosine(1, 0.1, 4.0 / 8), schedule.Evaluate(6), 15);
        Assert.Equal(0.0, schedule.Evaluate(10));
        Assert.Equal(0.5, schedule.Evaluate(11), 15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(0.999)]
    public void Shapes_follow_their_formulas(double x)
    {
        double Eval(CycleShape shape) => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.8, Floor = 0.05, FirstCycle = 100, Shape = shape }).Evaluate(100 * x);
        Assert.Equal(0.05 + (0.75 * (1 - x)), Eval(CycleShape.Linear), 15);
        Assert.Equal(0.05 + (0.75 * Math.Pow(1 - x, 2.5)), Eval(CycleShape.Polynomial(2.5)), 15);
        Assert.Equal(0.8 * Math.Pow(0.05 / 0.8, x), Eval(CycleShape.Exponential), 14);
        Assert.Equal(0.05 + (0.75 * 0.5 * (1 + Math.Cos(Math.PI * Math.Pow(x, 2)))), Eval(CycleShape.KDecayCosine(2)), 15);
        Assert.Equal(0.05 + (0.75 * Math.Pow(0.5, Math.Floor(x * 4))), Eval(CycleShape.StepHalving(3)), 15);
        Assert.Equal(0.05 + (0.75 * Math.Pow(1 - Math.Pow(x, 1.5), 2.5)), Eval(CycleShape.Polynomial(2.5, 1.5)), 15);
        Assert.Equal(0.05 + (0.75 * 0.5 * (1 - Math.Tanh((-7 * (1 - x)) + (3 * x)))), Eval(CycleShape.HyperbolicTangent(-7, 3)), 15);
    }

    [Fact]
    public void Tanh_cycles_start_below_the_peak_and_end_above_the_floor()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 0.001, FirstCycle = 10, Shape = CycleShape.HyperbolicTangent(-7, 3) });
        var atRestart = 0.001 + (0.099 * 0.5 * (1 - Math.Tanh(-7)));
        Assert.Equal(atRestart, schedule.Evaluate(0), 15);
        Assert.Equal(atRestart, schedule.Evaluate(10), 15); // the restart gives the shape's own start, not the peak itself
        Assert.True(schedule.Evaluate(10) < 0.1);
        Assert.True(schedule.Evaluate(Math.BitDecrement(10.0)) > 0.001);
        for (var t = 0.0; t < 20; t += 0.25)
        {
            Assert.InRange(schedule.Evaluate(t), 0.001, 0.1);
            if (t % 10 != 0)
            {
                Assert.True(schedule.Evaluate(t) < schedule.Evaluate(t - 0.25), $"tanh decreases within a cycle (t={t})");
            }
        }
    }

    [Fact]
    public void Polynomial_with_k_one_is_the_plain_polynomial()
    {
        Assert.Equal(CycleShape.Polynomial(2), CycleShape.Polynomial(2, 1));
        Assert.Equal("polynomial(power=2.0)", CycleShape.Polynomial(2, 1).ToString());
        Assert.Equal("polynomial(power=2.0, k=3.0)", CycleShape.Polynomial(2, 3).ToString());
        Assert.Equal("tanh(lower=-6.0, upper=4.0)", CycleShape.HyperbolicTangent(-6, 4).ToString());
    }

    [Fact]
    public void Spec_text_names_every_non_default_option()
    {
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = 0.1, Floor = 1e-6, FirstCycle = 10, CycleGrowth = 2, PeakDecay = 0.5, CycleLimit = 3, Warmup = 2,
            Shape = CycleShape.KDecayCosine(2),
        });
        Assert.Equal(
            "warm_restarts(peak=0.1, floor=1e-06, first_cycle=10.0, cycle_growth=2.0, peak_decay=0.5, cycle_limit=3, warmup=2.0, shape=k_decay(k=2.0))",
            schedule.ToString());
        Assert.Equal("warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=1.0)", Schedules.WarmRestarts(0.1, 0, 10).ToString());
    }

    [Fact]
    public void Equal_parameters_give_equal_schedules()
    {
        Assert.Equal(Schedules.WarmRestarts(0.1, 0, 10, 2), Schedules.WarmRestarts(0.1, 0, 10, 2));
        Assert.NotEqual(Schedules.WarmRestarts(0.1, 0, 10, 2), Schedules.WarmRestarts(0.1, 0, 10, 3));
        Assert.Equal(Schedules.WarmRestarts(0.1, 0, 10, 2).GetHashCode(), Schedules.WarmRestarts(0.1, 0, 10, 2).GetHashCode());
    }

    [Theory]
    [InlineData(6.837837837837838, 6.837837837837838, 46, 0.7682926829268293, 0.5555555555555556, 0, 8671681126855418.0)]
    [InlineData(3.8437437370577254, 2.069708166108006, 15, 0.9791666666666666, 0.6130058711275312, 4.074010101646653, 5004353637189350.0)]
    public void Exponential_cycles_stay_finite_when_decayed_peak_and_floor_underflow(double peak, double floor, double firstCycle, double peakDecay, double floorDecay, double warmup, double t)
    {
        // Found by the property test: far out both decay to 0, and 0 * (0 / 0)^x was NaN.
        var schedule = Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = peak, Floor = floor, FirstCycle = firstCycle, PeakDecay = peakDecay, FloorDecay = floorDecay, Warmup = warmup, Shape = CycleShape.Exponential,
        });
        Assert.Equal(0.0, schedule.Evaluate(t));
    }

    [Fact]
    public void Out_of_range_progress_is_clamped()
    {
        var schedule = Schedules.WarmRestarts(0.1, 0.01, 10, 2);
        Assert.Equal(0.1, schedule.Evaluate(-5));
        Assert.Equal(0.1, schedule.Evaluate(double.NaN));
        Assert.True(double.IsFinite(schedule.Evaluate(double.PositiveInfinity)));
        Assert.Equal(schedule.Evaluate(Schedule.MaxProgress), schedule.Evaluate(double.MaxValue));
    }
}
