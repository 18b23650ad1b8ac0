using WarmRestarts.Family;

namespace WarmRestarts.Tests.Family;

public class DecaySchedulesTests
{
    private const double Far = Expect.Far;

    [Theory]
    [InlineData(0.0)]
    [InlineData(17.25)]
    [InlineData(Far)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constant_is_its_value_everywhere(double t) =>
        Assert.Equal(0.1, Schedules.Constant(0.1).Evaluate(t));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(29.999, 0)]
    [InlineData(30.0, 1)]
    [InlineData(59.0, 1)]
    [InlineData(60.0, 2)]
    [InlineData(95.5, 3)]
    public void Step_multiplies_by_gamma_every_step_size(double t, int decays) =>
        Assert.Equal(0.1 * Math.Pow(0.1, decays), Schedules.Step(0.1, 30, 0.1).Evaluate(t));

    [Fact]
    public void Step_far_future_is_zero_or_constant()
    {
        Assert.Equal(0.0, Schedules.Step(0.1, 30, 0.1).Evaluate(Far));
        Assert.Equal(0.1, Schedules.Step(0.1, 30, 1.0).Evaluate(Far));
        Assert.Equal(0.1 * Math.Pow(0.5, Math.Floor(Far / 1e15)), Schedules.Step(0.1, 1e15, 0.5).Evaluate(Far));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(29.9, 0)]
    [InlineData(30.0, 2)] // 30 is given twice: counts twice (PyTorch's Counter)
    [InlineData(59.0, 2)]
    [InlineData(60.0, 3)]
    [InlineData(Far, 3)]
    public void MultiStep_counts_milestones_at_or_below_t(double t, int passed) =>
        Assert.Equal(0.1 * Math.Pow(0.5, passed), Schedules.MultiStep(0.1, [60, 30, 30], 0.5).Evaluate(t));

    [Fact]
    public void MultiStep_sorts_and_copies_milestones()
    {
        var given = new double[] { 60, 30 };
        var schedule = Schedules.MultiStep(0.1, given, 0.1);
        given[0] = 1;
        Assert.Equal([30.0, 60.0], schedule.Milestones);
        Assert.Equal("multi_step(initial=0.1, milestones=[30.0, 60.0], gamma=0.1)", schedule.ToString());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(7.5)]
    public void Exponential_follows_decay_rate_power(double t)
    {
        Assert.Equal(1.0 * Math.Pow(0.5, t / 2.0), Schedules.Exponential(1.0, 0.5, 2.0).Evaluate(t));
        Assert.Equal(1.0 * Math.Pow(0.5, Math.Floor(t / 2.0)), Schedules.Exponential(1.0, 0.5, 2.0, staircase: true).Evaluate(t));
        Assert.Equal(Math.Max(0.3, Math.Pow(0.5, t / 2.0)), Schedules.Exponential(1.0, 0.5, 2.0, end: 0.3).Evaluate(t));
    }

    [Fact]
    public void Exponential_named_points_and_far_future()
    {
        var schedule = Schedules.Exponential(0.1, 0.9); // PyTorch ExponentialLR(gamma=0.9)
        Assert.Equal(0.1, schedule.Evaluate(0));
        Assert.Equal(0.1 * 0.9, schedule.Evaluate(1));
        Assert.Equal(Math.Sqrt(0.5), Schedules.Exponential(1.0, 0.5, 2.0).Evaluate(1));
        Assert.Equal(0.0, schedule.Evaluate(Far));
        Assert.Equal(1e-5, Schedules.Exponential(0.1, 0.9, end: 1e-5).Evaluate(Far));
        Assert.Equal(0.1, Schedules.Exponential(0.1, 1.0).Evaluate(Far));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(19.0)]
    [InlineData(20.0)]
    [InlineData(Far)]
    public void InverseTime_follows_keras_formula(double t)
    {
        Expect.Close(0.1 / (1 + (0.5 * t / 10)), Schedules.InverseTime(0.1, 0.5, 10).Evaluate(t), 1e-14);
        Expect.Close(0.1 / (1 + (0.5 * Math.Floor(t / 10))), Schedules.InverseTime(0.1, 0.5, 10, staircase: true).Evaluate(t), 1e-14);
        Assert.Equal(0.1, Schedules.InverseTime(0.1, 0.0, 1e-300).Evaluate(t));
    }

    [Fact]
    public void InverseTime_named_points()
    {
        Assert.Equal(0.1, Schedules.InverseTime(0.1, 0.5, 10).Evaluate(0));
        Assert.Equal(0.1 / 1.5, Schedules.InverseTime(0.1, 0.5, 10).Evaluate(10));
        Assert.Equal(0.1 / 1.5, Schedules.InverseTime(0.1, 0.5, 10, staircase: true).Evaluate(19.99));
        Assert.True(Schedules.InverseTime(0.1, 0.5, 10).Evaluate(Far) > 0);
    }

    [Theory]
    [InlineData(0.0, 0.001)]
    [InlineData(2000.0, 0.001)]
    [InlineData(4000.0, 0.001)]
    [InlineData(16000.0, 0.0005)]
    [InlineData(64000.0, 0.00025)]
    public void InverseSquareRoot_holds_peak_then_falls_as_one_over_sqrt(double t, double expected) =>
        Expect.Close(expected, Schedules.InverseSquareRoot(0.001, 4000).Evaluate(t), 1e-14);

    [Fact]
    public void InverseSquareRoot_matches_formula_far_away() =>
        Assert.Equal(0.001 * Math.Sqrt(4000 / Math.Max(Far, 4000)), Schedules.InverseSquareRoot(0.001, 4000).Evaluate(Far));

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Expect.Invalid("value", () => Schedules.Constant(-1));
        Expect.Invalid("value", () => Schedules.Constant(double.NaN));
        Expect.Invalid("initial", () => Schedules.Step(double.PositiveInfinity, 30, 0.1));
        Expect.Invalid("stepSize", () => Schedules.Step(0.1, 0, 0.1));
        Expect.Invalid("stepSize", () => Schedules.Step(0.1, -3, 0.1));
        Expect.Invalid("stepSize", () => Schedules.Step(0.1, double.NaN, 0.1));
        Expect.Invalid("stepSize", () => Schedules.Step(0.1, double.PositiveInfinity, 0.1));
        Expect.Invalid("gamma", () => Schedules.Step(0.1, 30, 0));
        Expect.Invalid("gamma", () => Schedules.Step(0.1, 30, 1.5));
        Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, [], 0.1));
        Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, [10, -1], 0.1));
        Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, [10, double.NaN], 0.1));
        Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, [double.PositiveInfinity], 0.1));
        Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, null!, 0.1));
        Expect.Invalid("gamma", () => Schedules.MultiStep(0.1, [10], double.NaN));
        Expect.Invalid("initial", () => Schedules.Exponential(-0.1, 0.9));
        Expect.Invalid("decayRate", () => Schedules.Exponential(0.1, 0));
        Expect.Invalid("decayRate", () => Schedules.Exponential(0.1, double.NaN));
        Expect.Invalid("decayLength", () => Schedules.Exponential(0.1, 0.9, 0));
        Expect.Invalid("decayLength", () => Schedules.Exponential(0.1, 0.9, double.PositiveInfinity));
        Expect.Invalid("end", () => Schedules.Exponential(0.1, 0.9, end: -1));
        Expect.Invalid("end", () => Schedules.Exponential(0.1, 0.9, end: 0.2));
        Expect.Invalid("decayRate", () => Schedules.InverseTime(0.1, -0.5, 10));
        Expect.Invalid("decayLength", () => Schedules.InverseTime(0.1, 0.5, 0));
        Expect.Invalid("initial", () => Schedules.InverseTime(double.NaN, 0.5, 10));
        Expect.Invalid("peak", () => Schedules.InverseSquareRoot(-1, 10));
        Expect.Invalid("timescale", () => Schedules.InverseSquareRoot(0.1, 0));
        Expect.Invalid("timescale", () => Schedules.InverseSquareRoot(0.1, double.NaN));
    }

    [Fact]
    public void Messages_say_what_was_given_and_what_to_do()
    {
        var ex = Expect.Invalid("stepSize", () => Schedules.Step(0.1, 0, 0.1));
        Assert.Equal("stepSize must be a finite number > 0, but was 0; give the distance between decays in the schedule's unit, e.g. 30.", ex.Message);
        Assert.Contains("empty", Expect.Invalid("milestones", () => Schedules.MultiStep(0.1, [], 0.1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Specs_are_stable()
    {
        Assert.Equal("constant(value=0.1)", Schedules.Constant(0.1).ToString());
        Assert.Equal("step(initial=0.1, step_size=30.0, gamma=0.1)", Schedules.Step(0.1, 30, 0.1).ToString());
        Assert.Equal("exponential(initial=0.1, decay_rate=0.9, decay_length=1.0, staircase=False)", Schedules.Exponential(0.1, 0.9).ToString());
        Assert.Equal("exponential(initial=0.1, decay_rate=0.9, decay_length=2.0, staircase=True, end=1e-05)", Schedules.Exponential(0.1, 0.9, 2, true, 1e-5).ToString());
        Assert.Equal("inverse_time(initial=0.1, decay_rate=0.5, decay_length=10.0, staircase=False)", Schedules.InverseTime(0.1, 0.5, 10).ToString());
        Assert.Equal("inverse_square_root(peak=0.001, timescale=4000.0)", Schedules.InverseSquareRoot(0.001, 4000).ToString());
    }
}
