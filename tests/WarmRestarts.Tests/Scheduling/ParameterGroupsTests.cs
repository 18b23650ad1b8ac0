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
