using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;
using WarmRestarts.Tests.Family;

namespace WarmRestarts.Tests.Combinators;

public class CombinatorTests
{
    private const double Far = Expect.Far;

    // SGDR eq. (5) for a cycle of length tI at position tCur.
    private static double Sgdr(double peak, double floor, double tCur, double tI) =>
        floor + (0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * tCur / tI)));

    private static WarmRestartsSchedule Sgdr10() => new(peak: 0.1, floor: 0.0, firstCycle: 10);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(2.5, 0.05)]
    [InlineData(5.0, 0.1)]
    [InlineData(10.0, 0.05)]
    [InlineData(15.0, 0.1)]
    public void Warmup_ramps_to_the_inner_first_value_then_shifts_its_clock(double t, double expected) =>
        Expect.Close(expected, Schedules.Warmup(Sgdr10(), 5).Evaluate(t), 1e-14);

    [Fact]
    public void Warmup_is_continuous_and_starts_where_asked()
    {
        var inner = Schedules.CosineAnnealing(0.1, 0.0, 100);
        var schedule = Schedules.Warmup(inner, 5, start: 0.01);
        Assert.Equal(0.01, schedule.Evaluate(0));
        Assert.Equal(0.01 + ((0.1 - 0.01) * 0.5), schedule.Evaluate(2.5));
        Assert.Equal(inner.Evaluate(0), schedule.Evaluate(5));
        Expect.Close(inner.Evaluate(0), schedule.Evaluate(Math.BitDecrement(5.0)), 1e-15);
        Expect.Close(Sgdr(0.1, 0, 0, 10), Schedules.Warmup(Sgdr10(), 5).Evaluate(Math.BitDecrement(5.0)), 1e-15);
        Assert.Equal(0.0, schedule.Evaluate(Far));
    }

    [Fact]
    public void Warmup_forwards_cycles_shifted_by_its_length()
    {
        var schedule = Schedules.Warmup(new WarmRestartsSchedule(0.1, 0.0, 10, 2), 5);
        Assert.True(schedule.TryGetCycle(2, out var during));
        Assert.Equal(new CycleInfo(0, 5, 10, 0, false, false), during);
        Assert.True(schedule.TryGetCycle(17, out var cycle)); // inner 12: cycle 1 from 10, length 20
        Assert.Equal(new CycleInfo(1, 15, 20, 2, false, false), cycle);
        Assert.False(Schedules.Warmup(Schedules.Constant(0.1), 5).TryGetCycle(7, out _));
    }

    [Fact]
    public void Sequence_restarts_each_clock_at_its_boundary()
    {
        var schedule = Schedules.Sequence([Schedules.Linear(0, 0.1, 5), Sgdr10(), Schedules.Constant(0.001)], [5, 35]);
        Expect.Close(0.06, schedule.Evaluate(3), 1e-14);
        Assert.Equal(0.1, schedule.Evaluate(5));
        Expect.Close(Sgdr(0.1, 0, 5, 10), schedule.Evaluate(10), 1e-14);
        Expect.Close(Sgdr(0.1, 0, 9, 10), schedule.Evaluate(34), 1e-14);
        Assert.Equal(0.001, schedule.Evaluate(35));
        Assert.Equal(0.001, schedule.Evaluate(Far));

        Assert.False(schedule.TryGetCycle(3, out _));
        Assert.True(schedule.TryGetCycle(20, out var cycle)); // inner 15: cycle 1 from 10
        Assert.Equal(new CycleInfo(1, 15, 10, 5, false, false), cycle);
        Assert.False(schedule.TryGetCycle(40, out _));
    }

    [Fact]
    public void Sequence_with_global_clock_evaluates_children_at_t()
    {
        var schedule = Schedules.Sequence([Schedules.Constant(0.5), Sgdr10()], [5], restartClock: false);
        Assert.Equal(0.5, schedule.Evaluate(4.9));
        Expect.Close(Sgdr(0.1, 0, 5, 10), schedule.Evaluate(5), 1e-14);
        Expect.Close(Sgdr(0.1, 0, 3, 10), schedule.Evaluate(23), 1e-14);
        Assert.True(schedule.TryGetCycle(23, out var cycle));
        Assert.Equal(new CycleInfo(2, 20, 10, 3, false, false), cycle);
    }

    [Fact]
    public void Product_multiplies_and_takes_cycles_from_the_first_child_with_cycles()
    {
        var schedule = Schedules.Product(Schedules.Exponential(1.0, 0.5, 10), Sgdr10());
        Expect.Close(Math.Pow(0.5, 13 / 10.0) * Sgdr(0.1, 0, 3, 10), schedule.Evaluate(13), 1e-14);
        Assert.True(schedule.TryGetCycle(13, out var cycle));
        Assert.Equal(new CycleInfo(1, 10, 10, 3, false, false), cycle);
        Assert.False(Schedules.Product(Schedules.Constant(1), Schedules.Constant(2)).TryGetCycle(1, out _));

        var big = Schedules.Product(Schedules.Constant(1e200), Schedules.Constant(1e200), Schedules.Constant(0));
        Assert.Equal(0.0, big.Evaluate(1));
        Assert.Equal(double.MaxValue, Schedules.Product(Schedules.Constant(1e200), Schedules.Constant(1e200)).Evaluate(1));
    }

    [Fact]
    public void Scale_and_clamp_transform_values_and_forward_cycles()
    {
        var inner = Sgdr10();
        var scaled = Schedules.Scale(inner, 2);
        var clamped = Schedules.Clamp(inner, 0.02, 0.08);
        foreach (var t in new[] { 0.0, 2.5, 5.0, 9.0, 13.0, Far })
        {
            var value = Sgdr(0.1, 0, t % 10, 10);
            Expect.Close(2 * value, scaled.Evaluate(t), 1e-14);
            Expect.Close(Math.Clamp(value, 0.02, 0.08), clamped.Evaluate(t), 1e-14);
            Assert.True(scaled.TryGetCycle(t, out var a));
            Assert.True(clamped.TryGetCycle(t, out var b));
            Assert.Equal(inner.CycleAt(t), a);
            Assert.Equal(inner.CycleAt(t), b);
        }

        Assert.Equal(double.MaxValue, Schedules.Scale(Schedules.Constant(1e300), 1e10).Evaluate(0));
    }

    [Fact]
    public void Stretch_multiplies_every_length()
    {
        var schedule = Schedules.Stretch(Sgdr10(), 100);
        Expect.Close(Sgdr(0.1, 0, 5, 10), schedule.Evaluate(500), 1e-14);
        Assert.Equal(0.1, schedule.Evaluate(1000));
        Assert.True(schedule.TryGetCycle(1500, out var cycle));
        Assert.Equal(new CycleInfo(1, 1000, 1000, 500, false, false), cycle);

        var compressed = Schedules.Stretch(Sgdr10(), 0.5);
        Expect.Close(Sgdr(0.1, 0, 4, 10), compressed.Evaluate(2), 1e-14);
        Assert.True(double.IsFinite(compressed.Evaluate(Far)));
        Assert.True(double.IsFinite(Schedules.Stretch(Sgdr10(), 1e-300).Evaluate(Far)));
    }

    [Fact]
    public void Stretch_converts_an_epoch_schedule_to_steps()
    {
        var epochs = Schedules.MultiStep(0.1, [30, 60], 0.1);
        var steps = epochs.Stretched(469);
        Assert.Equal(0.1, steps.Evaluate((30 * 469) - 1));
        Assert.Equal(0.1 * 0.1, steps.Evaluate(30 * 469));
    }

    [Fact]
    public void Extensions_build_the_same_schedules_as_the_facade()
    {
        var a = Schedules.Constant(0.1);
        var b = Schedules.CosineAnnealing(0.1, 0, 50);
        var c = Schedules.Constant(0.001);
        Assert.Equal(Schedules.Warmup(a, 5, 0.01), a.WithWarmup(5, 0.01));
        Assert.Equal(Schedules.Scale(a, 2), a.Scaled(2));
        Assert.Equal(Schedules.Clamp(a, 0, 1), a.Clamped(0, 1));
        Assert.Equal(Schedules.Stretch(a, 3), a.Stretched(3));
        Assert.Equal(Schedules.Product(a, b), a.Times(b));
        Assert.Equal(Schedules.Sequence([a, b], [10]), a.Then(b, at: 10));
        Assert.Equal(Schedules.Sequence([a, b, c], [10, 60]), a.Then(b, at: 10).Then(c, at: 60)); // flattened
        var nested = a.Then(b, at: 10).Then(c, at: 5); // before the last boundary: nested, not flattened
        Assert.Equal(Schedules.Sequence([Schedules.Sequence([a, b], [10]), c], [5]), nested);
        Assert.Equal(0.001, nested.Evaluate(7));
        Assert.NotEqual(Schedules.Sequence([a, b, c], [10, 60]), a.Then(b, at: 10).Then(c, at: 60, restartClock: false));
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        var inner = Sgdr10();
        Expect.Invalid("schedule", () => Schedules.Warmup(null!, 5));
        Expect.Invalid("length", () => Schedules.Warmup(inner, 0));
        Expect.Invalid("length", () => Schedules.Warmup(inner, double.NaN));
        Expect.Invalid("length", () => Schedules.Warmup(inner, double.PositiveInfinity));
        Expect.Invalid("start", () => Schedules.Warmup(inner, 5, -1));
        Expect.Invalid("schedules", () => Schedules.Sequence([inner], [5]));
        Expect.Invalid("schedules", () => Schedules.Sequence([inner, inner, inner], [5]));
        Expect.Invalid("schedules", () => Schedules.Sequence([inner, null!], [5]));
        Expect.Invalid("schedules", () => Schedules.Sequence(null!, [5]));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner], []));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner, inner, inner], [10, 5]));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner, inner, inner], [5, 5]));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner, inner], [0]));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner, inner], [double.NaN]));
        Expect.Invalid("boundaries", () => Schedules.Sequence([inner, inner], [double.PositiveInfinity]));
        Expect.Invalid("schedules", () => Schedules.Product(inner));
        Expect.Invalid("schedules", () => Schedules.Product());
        Expect.Invalid("schedules", () => Schedules.Product(inner, null!));
        Expect.Invalid("factor", () => Schedules.Scale(inner, -1));
        Expect.Invalid("factor", () => Schedules.Scale(inner, double.PositiveInfinity));
        Expect.Invalid("schedule", () => Schedules.Scale(null!, 1));
        Expect.Invalid("minimum", () => Schedules.Clamp(inner, 0.2, 0.1));
        Expect.Invalid("minimum", () => Schedules.Clamp(inner, double.NaN, 0.1));
        Expect.Invalid("maximum", () => Schedules.Clamp(inner, 0, double.PositiveInfinity));
        Expect.Invalid("factor", () => Schedules.Stretch(inner, 0));
        Expect.Invalid("factor", () => Schedules.Stretch(inner, double.NaN));
        Expect.Invalid("at", () => inner.Then(inner, at: 0));
    }

    [Fact]
    public void Specs_are_stable()
    {
        var c = Schedules.Constant(0.1);
        Assert.Equal("warmup(schedule=constant(value=0.1), length=5.0, start=0.0)", Schedules.Warmup(c, 5).ToString());
        Assert.Equal(
            "sequence(schedules=[constant(value=0.1), linear(start=0.1, end=0.0, length=10.0)], boundaries=[5.0], restart_clock=True)",
            Schedules.Sequence([c, Schedules.Linear(0.1, 0, 10)], [5]).ToString());
        Assert.Equal("product(schedules=[constant(value=0.1), constant(value=0.5)])", Schedules.Product(c, Schedules.Constant(0.5)).ToString());
        Assert.Equal("scale(schedule=constant(value=0.1), factor=2.0)", Schedules.Scale(c, 2).ToString());
        Assert.Equal("clamp(schedule=constant(value=0.1), minimum=0.0, maximum=1.0)", Schedules.Clamp(c, 0, 1).ToString());
        Assert.Equal(
            "stretch(schedule=warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=1.0), factor=469.0)",
            Schedules.Stretch(Sgdr10(), 469).ToString());
        Assert.NotEqual(Schedules.Scale(c, 2), Schedules.Scale(c, 3));
        Assert.NotEqual<Schedule>(Schedules.Scale(c, 2), Schedules.Stretch(c, 2));
    }
}
