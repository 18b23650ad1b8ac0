using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

public class ParameterGroupsTests
{
    [Fact]
    public void Rates_start_at_base_rates_and_momenta_at_zero()
    {
        var groups = new ParameterGroups(0.1, 0.01);
        Assert.Equal(2, groups.Count);
        Assert.True(groups.SupportsMomentum);
        Assert.Equal([0.1, 0.01], groups.Rates);
        Assert.Equal([0.0, 0.0], groups.Momenta);
        groups.SetRate(1, 0.5);
        groups.SetMomentum(0, 0.9);
        Assert.Equal([0.1, 0.5], groups.Rates);
        Assert.Equal([0.9, 0.0], groups.Momenta);
        Assert.Equal(0.01, groups.GetBaseRate(1));
    }

    [Fact]
    public void SetAllRates_writes_every_group_here_and_through_the_interface_default()
    {
        var groups = new ParameterGroups(0.1, 0.2, 0.3);
        groups.SetAllRates(0.5);
        Assert.Equal([0.5, 0.5, 0.5], groups.Rates);

        var recorded = new RecordingGroups(3);
        ((IParameterGroups)recorded).SetAllRates(0.25); // only SetRate implemented: the default loops over it
        Assert.Equal([0.25, 0.25, 0.25], recorded.Rates);
    }

    [Fact]
    public void A_uniform_scheduler_writes_every_group_through_SetAllRates_or_SetRate_alike()
    {
        var schedule = Schedules.WarmRestarts(0.1, 1e-4, 3, 2);
        var managed = new ParameterGroups(1, 1, 1);
        var recorded = new RecordingGroups(3);
        var clock = TrainingClock.Epochs(7);
        var first = new GroupScheduler(managed, schedule, clock);
        var second = new GroupScheduler(recorded, schedule, clock);
        for (var step = 1; step <= 200; step++)
        {
            first.Advance();
            second.Advance();
            var expected = schedule.Evaluate(clock.ProgressAt(step));
            Assert.Equal([expected, expected, expected], managed.Rates);
            Assert.Equal([expected, expected, expected], recorded.Rates);
        }
    }

    private sealed class RecordingGroups(int count) : IParameterGroups
    {
        public double[] Rates { get; } = new double[count];

        public int Count => Rates.Length;

        public bool SupportsMomentum => false;

        public double GetBaseRate(int group) => 1.0;

        public void SetRate(int group, double rate) => Rates[group] = rate;

        public void SetMomentum(int group, double momentum) => throw new NotSupportedException();
    }

    [Fact]
    public void Base_rates_are_copied()
    {
        double[] rates = [0.1];
        var groups = new ParameterGroups(rates);
        rates[0] = 7;
        Assert.Equal(0.1, groups.GetBaseRate(0));
    }

    [Fact]
    public void Invalid_base_rates_are_rejected()
    {
        var empty = Assert.Throws<ScheduleArgumentException>(() => new ParameterGroups());
        Assert.StartsWith("baseRates must be", empty.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ScheduleArgumentException>(() => new ParameterGroups(0.1, -0.1));
        Assert.StartsWith("baseRates[1] must be", negative.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ScheduleArgumentException>(() => new ParameterGroups(double.NaN));
        Assert.StartsWith("baseRates[0] must be", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_index_is_checked()
    {
        var groups = new ParameterGroups(0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.SetRate(1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.GetBaseRate(-1));
    }
}
