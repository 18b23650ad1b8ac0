using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Family;

public class AnnealingSchedulesTests
{
    private const double Far = Expect.Far;

    private static double Cosine(double peak, double floor, double t, double length, double exponent = 1) =>
        floor + ((peak - floor) * Math.Pow(0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, length) / length)), exponent));

    [Theory]
    [InlineData(0.0)]
    [InlineData(25.0)]
    [InlineData(50.0)]
    [InlineData(99.0)]
    [InlineData(100.0)]
    [InlineData(150.0)]
    [InlineData(Far)]
    public void CosineAnnealing_follows_sgdr_eq5_and_holds_the_floor(double t)
    {
        Expect.Close(Cosine(0.1, 0.01, t, 100), Schedules.CosineAnnealing(0.1, 0.01, 100).Evaluate(t), 1e-14);
        Expect.Close(Cosine(0.1, 0.01, t, 100, 2), Schedules.CosineAnnealing(0.1, 0.01, 100, exponent: 2).Evaluate(t), 1e-14);
    }

    [Fact]
    public void CosineAnnealing_boundaries_are_exact()
    {
        var schedule = Schedules.CosineAnnealing(0.1, 0.01, 100);
        Assert.Equal(0.1, schedule.Evaluate(0));
        Expect.Close(0.055, schedule.Evaluate(50), 1e-14);
        Assert.Equal(0.01, schedule.Evaluate(100));
        Assert.Equal(0.01, schedule.Evaluate(Far));
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(5.0, 0.3)]
    [InlineData(10.0, 0.5)]
    [InlineData(11.0, 0.5)]
    [InlineData(Far, 0.5)]
    public void Linear_rises_then_holds(double t, double expected) =>
        Expect.Close(expected, Schedules.Linear(0.1, 0.5, 10).Evaluate(t), 1e-14);

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(10.0)]
    [InlineData(Far)]
    public void Linear_falls_then_holds(double t) =>
        Expect.Close(0.5 + ((0.1 - 0.5) * Math.Min(t, 10) / 10), Schedules.Linear(0.5, 0.1, 10).Evaluate(t), 1e-14);

    [Theory]
    [InlineData(0.0)]
    [InlineData(25.0)]
    [InlineData(50.0)]
    [InlineData(100.0)]
    [InlineData(Far)]
    public void Polynomial_follows_formula(double t)
    {
        Expect.Close(0.001 + (0.099 * Math.Pow(1 - (Math.Min(t, 100) / 100), 2)), Schedules.Polynomial(0.1, 0.001, 100, 2).Evaluate(t), 1e-14);
        Expect.Close(0.001 + (0.099 * Math.Pow(1 - (Math.Min(t, 100) / 100), 0.5)), Schedules.Polynomial(0.1, 0.001, 100, 0.5).Evaluate(t), 1e-14);
    }

    [Fact]
    public void Polynomial_named_points()
    {
        var schedule = Schedules.Polynomial(0.1, 0.001, 100, 2);
        Expect.Close(0.1, schedule.Evaluate(0), 1e-14);
        Expect.Close(0.001 + (0.099 * 0.25), schedule.Evaluate(50), 1e-14);
        Assert.Equal(0.001, schedule.Evaluate(100));
        Assert.Equal(0.001, schedule.Evaluate(Far));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(5.0, 0.005)]
    [InlineData(10.0, 0.01)]
    [InlineData(50.0, 0.01)]
    [InlineData(89.999, 0.01)]
    [InlineData(90.0, 0.01)]
    [InlineData(95.0, 0.0055)]
    [InlineData(100.0, 0.001)]
    [InlineData(Far, 0.001)]
    public void WarmupStableDecay_linear_phases(double t, double expected) =>
        Expect.Close(expected, Schedules.WarmupStableDecay(0.01, 10, 80, 10, floor: 0.001).Evaluate(t), 1e-14);

    [Theory]
    [InlineData(90.0)]
    [InlineData(92.5)]
    [InlineData(95.0)]
    [InlineData(99.0)]
    public void WarmupStableDecay_cosine_decay(double t) =>
        Expect.Close(
            0.001 + (0.009 * (1 + Math.Cos(Math.PI * (t - 90) / 10)) / 2),
            Schedules.WarmupStableDecay(0.01, 10, 80, 10, 0.001, CycleShape.Cosine).Evaluate(t), 1e-14);

    [Fact]
    public void WarmupStableDecay_warmup_start_and_no_warmup()
    {
        Expect.Close(0.002 + (0.008 * 0.5), Schedules.WarmupStableDecay(0.01, 10, 80, 10, warmupStart: 0.002).Evaluate(5), 1e-14);
        var noWarmup = Schedules.WarmupStableDecay(0.01, 0, 0, 10);
        Assert.Equal(0.01, noWarmup.Evaluate(0));
        Expect.Close(0.005, noWarmup.Evaluate(5), 1e-14);
        Assert.Equal(0.0, noWarmup.Evaluate(10));
        Assert.Equal(100.0, Schedules.WarmupStableDecay(0.01, 10, 80, 10).End);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Expect.Invalid("peak", () => Schedules.CosineAnnealing(-0.1, 0, 100));
        Expect.Invalid("floor", () => Schedules.CosineAnnealing(0.1, 0.2, 100));
        Expect.Invalid("floor", () => Schedules.CosineAnnealing(0.1, double.NaN, 100));
        Expect.Invalid("length", () => Schedules.CosineAnnealing(0.1, 0, 0));
        Expect.Invalid("length", () => Schedules.CosineAnnealing(0.1, 0, -1));
        Expect.Invalid("length", () => Schedules.CosineAnnealing(0.1, 0, double.PositiveInfinity));
        Expect.Invalid("exponent", () => Schedules.CosineAnnealing(0.1, 0, 10, 0));
        Expect.Invalid("start", () => Schedules.Linear(-1, 0.1, 10));
        Expect.Invalid("end", () => Schedules.Linear(0.1, double.PositiveInfinity, 10));
        Expect.Invalid("length", () => Schedules.Linear(0.1, 0, double.NaN));
        Expect.Invalid("length", () => Schedules.Linear(0.1, 0, 0));
        Expect.Invalid("power", () => Schedules.Polynomial(0.1, 0, 10, 0));
        Expect.Invalid("power", () => Schedules.Polynomial(0.1, 0, 10, -1));
        Expect.Invalid("length", () => Schedules.Polynomial(0.1, 0, 0, 1));
        Expect.Invalid("peak", () => Schedules.WarmupStableDecay(double.NaN, 1, 1, 1));
        Expect.Invalid("warmup", () => Schedules.WarmupStableDecay(0.1, -1, 1, 1));
        Expect.Invalid("stable", () => Schedules.WarmupStableDecay(0.1, 1, double.NaN, 1));
        Expect.Invalid("decay", () => Schedules.WarmupStableDecay(0.1, 1, 1, 0));
        Expect.Invalid("decay", () => Schedules.WarmupStableDecay(0.1, 1, 1, double.PositiveInfinity));
        Expect.Invalid("floor", () => Schedules.WarmupStableDecay(0.1, 1, 1, 1, floor: 0.2));
        Expect.Invalid("floor", () => Schedules.WarmupStableDecay(0.1, 1, 1, 1, floor: 0, decayShape: CycleShape.Exponential));
        Expect.Invalid("warmupStart", () => Schedules.WarmupStableDecay(0.1, 1, 1, 1, warmupStart: 0.5));
    }

    [Fact]
    public void Specs_are_stable()
    {
        Assert.Equal("cosine_annealing(peak=0.1, floor=0.0, length=100.0, exponent=1.0)", Schedules.CosineAnnealing(0.1, 0, 100).ToString());
        Assert.Equal("linear(start=0.0, end=0.1, length=5.0)", Schedules.Linear(0, 0.1, 5).ToString());
        Assert.Equal("polynomial(start=0.1, end=0.0, length=100.0, power=2.0)", Schedules.Polynomial(0.1, 0, 100, 2).ToString());
        Assert.Equal(
            "warmup_stable_decay(peak=0.01, warmup=10.0, stable=80.0, decay=10.0, floor=0.0, decay_shape='linear', warmup_start=0.0)",
            Schedules.WarmupStableDecay(0.01, 10, 80, 10).ToString());
        Assert.Equal(
            "warmup_stable_decay(peak=0.01, warmup=10.0, stable=80.0, decay=10.0, floor=0.0, decay_shape=polynomial(power=2.0), warmup_start=0.0)",
            Schedules.WarmupStableDecay(0.01, 10, 80, 10, decayShape: CycleShape.Polynomial(2)).ToString());
    }
}
