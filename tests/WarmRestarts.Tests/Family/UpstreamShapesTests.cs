using WarmRestarts.Family;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Family;

/// <summary>
/// The core options the Keras and optax names need: polynomial decay that cycles (Keras <c>cycle=True</c>), exponential
/// growth with an upper bound (optax <c>decay_rate &gt; 1</c>), and half-cosine interpolation between points (optax's
/// cosine one-cycle). Expected values are the formulas of the class docs, written out independently.
/// </summary>
public class UpstreamShapesTests
{
    private const double Far = Expect.Far;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(9.0)]
    [InlineData(10.0)]
    [InlineData(10.5)]
    [InlineData(20.0)]
    [InlineData(25.0)]
    [InlineData(1234.5)]
    public void Cycling_polynomial_grows_its_horizon_to_the_next_multiple(double t)
    {
        var horizon = 10 * Math.Max(1, Math.Ceiling(t / 10));
        var expected = 0.01 + ((0.1 - 0.01) * Math.Pow(1 - (t / horizon), 2));
        Assert.Equal(expected, Schedules.Polynomial(0.1, 0.01, 10, 2, cycle: true).Evaluate(t));
    }

    [Fact]
    public void Cycling_polynomial_ends_each_cycle_at_end_then_jumps_to_a_lower_peak()
    {
        var schedule = Schedules.Polynomial(0.1, 0.01, 10, 2, cycle: true);
        Assert.Equal(0.1, schedule.Evaluate(0));
        Assert.Equal(0.01, schedule.Evaluate(10));
        Assert.Equal(0.01, schedule.Evaluate(20));

        // Cycle k (from 1) starts at end + (start - end) * k^-power.
        Expect.Close(0.01 + (0.09 / 4), schedule.Evaluate(10 + 1e-9), 1e-8);
        Expect.Close(0.01 + (0.09 / 9), schedule.Evaluate(20 + 1e-9), 1e-8);
        Assert.True(schedule.Evaluate(10.5) > schedule.Evaluate(10));
        Assert.Equal(0.01, Schedules.Polynomial(0.1, 0.01, 10, 2).Evaluate(10.5));
        Assert.True(double.IsFinite(schedule.Evaluate(Far)));
    }

    [Fact]
    public void Cycling_polynomial_reports_cycles_of_its_length()
    {
        var schedule = Schedules.Polynomial(0.1, 0.0, 10, 1, cycle: true);
        Assert.True(schedule.TryGetCycle(25, out var cycle));
        Assert.Equal(new CycleInfo(2, 20, 10, 5, false, false), cycle);
        Assert.False(Schedules.Polynomial(0.1, 0.0, 10, 1).TryGetCycle(25, out _));
    }

    [Fact]
    public void Cycling_polynomial_spec_round_trips()
    {
        var schedule = Schedules.Polynomial(0.1, 0.01, 10, 2, cycle: true);
        Assert.Equal("polynomial(start=0.1, end=0.01, length=10.0, power=2.0, cycle=True)", schedule.ToString());
        Assert.Equal(schedule, ScheduleSpec.ParseSchedule(schedule.ToString()));
        Assert.NotEqual<Schedule>(schedule, Schedules.Polynomial(0.1, 0.01, 10, 2));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(5.0)]
    [InlineData(17.25)]
    [InlineData(30.0)]
    public void Growth_is_capped_by_end(double t) =>
        Assert.Equal(Math.Min(0.1, 0.01 * Math.Pow(2.0, t / 5)), Schedules.Exponential(0.01, 2.0, 5, end: 0.1).Evaluate(t));

    [Fact]
    public void Unbounded_growth_saturates_and_never_gives_nan()
    {
        Assert.Equal(0.01 * Math.Pow(1.25, 3.0), Schedules.Exponential(0.01, 1.25, 1).Evaluate(3));
        Assert.Equal(double.MaxValue, Schedules.Exponential(0.01, 1.25, 1).Evaluate(Far));
        Assert.Equal(0.0, Schedules.Exponential(0.0, 1.25, 1).Evaluate(Far));
        Assert.True(Schedules.Exponential(0.01, 2.0, 5, end: 0.1).IsGrowth);
        Assert.False(Schedules.Exponential(0.01, 1.0, 5).IsGrowth);
    }

    [Fact]
    public void Growth_needs_an_upper_bound_above_initial()
    {
        var error = Expect.Invalid("end", () => Schedules.Exponential(0.1, 2.0, end: 0.05));
        Assert.Contains("decayRate > 1", error.Message, StringComparison.Ordinal);
        Expect.Invalid("decayRate", () => Schedules.Exponential(0.1, double.PositiveInfinity));
        Expect.Invalid("decayRate", () => Schedules.Exponential(0.1, -2));
        Assert.Equal("exponential(initial=0.01, decay_rate=2.0, decay_length=5.0, staircase=False, end=0.1)", Schedules.Exponential(0.01, 2.0, 5, end: 0.1).ToString());
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(10.0, 0.5)]
    [InlineData(30.0, 0.2)]
    [InlineData(Far, 0.2)]
    public void Cosine_interpolation_passes_through_the_points(double t, double expected) =>
        Assert.Equal(expected, Cosine().Evaluate(t));

    [Theory]
    [InlineData(2.5)]
    [InlineData(5.0)]
    [InlineData(7.0)]
    [InlineData(20.0)]
    [InlineData(29.0)]
    public void Cosine_interpolation_follows_half_a_cosine(double t)
    {
        var (t0, v0, t1, v1) = t < 10 ? (0.0, 0.1, 10.0, 0.5) : (10.0, 0.5, 30.0, 0.2);
        var x = (t - t0) / (t1 - t0);
        Expect.Close(v1 + ((v0 - v1) * (1 + Math.Cos(Math.PI * x)) / 2), Cosine().Evaluate(t), 1e-15);
        Assert.Equal(0.3, Cosine().Evaluate(5), 15);
    }

    [Fact]
    public void Cosine_interpolation_spec_round_trips()
    {
        Assert.Equal("piecewise_linear(progress=[0.0, 10.0, 30.0], values=[0.1, 0.5, 0.2], interpolation='cosine')", Cosine().ToString());
        Assert.Equal(Cosine(), ScheduleSpec.ParseSchedule(Cosine().ToString()));
        Assert.NotEqual<Schedule>(Cosine(), Schedules.PiecewiseLinear((0, 0.1), (10, 0.5), (30, 0.2)));
        Expect.Invalid("interpolation", () => new PiecewiseLinearSchedule([new(0, 0.1), new(1, 0.2)], (Interpolation)7));
    }

    private static PiecewiseLinearSchedule Cosine() =>
        Schedules.PiecewiseLinear([new(0, 0.1), new(10, 0.5), new(30, 0.2)], Interpolation.Cosine);
}
