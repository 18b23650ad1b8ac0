using WarmRestarts.Family;

namespace WarmRestarts.Tests.Family;

public class PiecewiseSchedulesTests
{
    private const double Far = Expect.Far;

    [Theory]
    [InlineData(0.0, 0.1, 0.1)]
    [InlineData(9.99, 0.1, 0.1)]
    [InlineData(10.0, 0.01, 0.1)]
    [InlineData(10.5, 0.01, 0.01)]
    [InlineData(20.0, 0.001, 0.01)]
    [InlineData(20.000001, 0.001, 0.001)]
    [InlineData(Far, 0.001, 0.001)]
    public void PiecewiseConstant_switches_at_or_after_boundaries(double t, double optax, double keras)
    {
        Assert.Equal(optax, Schedules.PiecewiseConstant([10, 20], [0.1, 0.01, 0.001]).Evaluate(t));
        Assert.Equal(keras, Schedules.PiecewiseConstant([10, 20], [0.1, 0.01, 0.001], inclusiveBoundaries: true).Evaluate(t));
    }

    [Fact]
    public void PiecewiseConstant_with_boundary_at_zero_and_no_boundaries()
    {
        Assert.Equal(0.5, Schedules.PiecewiseConstant([0], [0.1, 0.5]).Evaluate(0));
        Assert.Equal(0.1, Schedules.PiecewiseConstant([0], [0.1, 0.5], true).Evaluate(0));
        Assert.Equal(0.3, Schedules.PiecewiseConstant([], [0.3]).Evaluate(Far));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(5.0, 0.0)]
    [InlineData(7.5, 0.5)]
    [InlineData(10.0, 1.0)]
    [InlineData(15.0, 0.75)]
    [InlineData(20.0, 0.5)]
    [InlineData(Far, 0.5)]
    public void PiecewiseLinear_interpolates_and_holds_the_ends(double t, double expected) =>
        Expect.Close(expected, Schedules.PiecewiseLinear((5, 0.0), (10, 1.0), (20, 0.5)).Evaluate(t), 1e-14);

    [Fact]
    public void PiecewiseLinear_points_are_kept()
    {
        SchedulePoint[] points = [new(0, 0.1), new(4, 0.2)];
        var schedule = new PiecewiseLinearSchedule(points);
        points[0] = new(1, 1);
        Assert.Equal(new SchedulePoint(0, 0.1), schedule.Points[0]);
        Expect.Close(0.1 + (0.1 * 3 / 4), schedule.Evaluate(3), 1e-14);
        Assert.Equal("piecewise_linear(progress=[0.0, 4.0], values=[0.1, 0.2])", schedule.ToString());
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Expect.Invalid("boundaries", () => Schedules.PiecewiseConstant([20, 10], [0.1, 0.01, 0.001]));
        Expect.Invalid("boundaries", () => Schedules.PiecewiseConstant([10, 10], [0.1, 0.01, 0.001]));
        Expect.Invalid("boundaries", () => Schedules.PiecewiseConstant([-1], [0.1, 0.01]));
        Expect.Invalid("boundaries", () => Schedules.PiecewiseConstant([double.NaN], [0.1, 0.01]));
        Expect.Invalid("boundaries", () => Schedules.PiecewiseConstant([double.PositiveInfinity], [0.1, 0.01]));
        Expect.Invalid("values", () => Schedules.PiecewiseConstant([10], [0.1]));
        Expect.Invalid("values", () => Schedules.PiecewiseConstant([10], [0.1, 0.2, 0.3]));
        Expect.Invalid("values", () => Schedules.PiecewiseConstant([10], [0.1, -0.2]));
        Expect.Invalid("values", () => Schedules.PiecewiseConstant([10], [0.1, double.NaN]));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((0, 0.1)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear());
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((5, 0.1), (5, 0.2)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((5, 0.1), (4, 0.2)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((-1, 0.1), (4, 0.2)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((0, 0.1), (double.PositiveInfinity, 0.2)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((0, 0.1), (1, double.NaN)));
        Expect.Invalid("points", () => Schedules.PiecewiseLinear((IEnumerable<SchedulePoint>)null!));
    }

    [Fact]
    public void Specs_are_stable() =>
        Assert.Equal(
            "piecewise_constant(boundaries=[10.0, 20.0], values=[0.1, 0.01, 0.001], inclusive_boundaries=False)",
            Schedules.PiecewiseConstant([10, 20], [0.1, 0.01, 0.001]).ToString());
}
