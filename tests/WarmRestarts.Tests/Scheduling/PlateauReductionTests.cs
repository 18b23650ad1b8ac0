using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

public class PlateauReductionTests
{
    [Fact]
    public void Defaults_are_pytorch_defaults()
    {
        var options = new PlateauOptions();
        Assert.Equal(PlateauMode.Min, options.Mode);
        Assert.Equal(0.1, options.Factor);
        Assert.Equal(10, options.Patience);
        Assert.Equal(1e-4, options.Threshold);
        Assert.Equal(PlateauThresholdMode.Relative, options.ThresholdMode);
        Assert.Equal(0, options.Cooldown);
        Assert.Equal([0.0], options.MinRates);
        Assert.Equal(1e-8, options.Eps);
        Assert.Equal("plateau(mode='min', factor=0.1, patience=10, threshold=0.0001, threshold_mode='rel', cooldown=0, min_rates=[0.0], eps=1e-08)", options.ToString());
    }

    [Fact]
    public void Warmup_reports_are_ignored_entirely()
    {
        var plateau = new PlateauReduction(new PlateauOptions { Patience = 0, WarmupReports = 2 });
        Assert.False(plateau.Report(1.0)); // ignored: would set best
        Assert.False(plateau.Report(5.0)); // ignored: would be a bad report, due at once with patience 0
        Assert.Equal(double.PositiveInfinity, plateau.Best);
        Assert.Equal(0, plateau.NumBadEpochs);
        Assert.Equal(2, plateau.LastEpoch);
        Assert.False(plateau.Report(5.0)); // the first counted report sets best
        Assert.Equal(5.0, plateau.Best);
        Assert.True(plateau.Report(5.0));
        Assert.Equal("plateau(mode='min', factor=0.1, patience=0, threshold=0.0001, threshold_mode='rel', cooldown=0, min_rates=[0.0], eps=1e-08, warmup_reports=2)", plateau.Options.ToString());
        Assert.Contains("warmupReports must be an integer >= 0, but was -1", Assert.Throws<ScheduleArgumentException>(() => new PlateauReduction(new PlateauOptions { WarmupReports = -1 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initial_state_is_worst_value_for_the_mode()
    {
        var min = new PlateauReduction(new PlateauOptions());
        Assert.Equal(double.PositiveInfinity, min.Best);
        Assert.Equal(0, min.NumBadEpochs);
        Assert.Equal(0, min.CooldownCounter);
        Assert.Equal(0, min.LastEpoch);
        Assert.Equal([1.0], min.Scales);
        var max = new PlateauReduction(new PlateauOptions { Mode = PlateauMode.Max });
        Assert.Equal(double.NegativeInfinity, max.Best);
    }

    [Theory]
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Relative, 0.1, 0.89, 1.0, true)] // 0.89 < 1 * 0.9
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Relative, 0.1, 0.9, 1.0, false)]
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Absolute, 0.1, 0.89, 1.0, true)] // 0.89 < 1 - 0.1
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Absolute, 0.1, 0.95, 1.0, false)]
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Relative, 0.1, 1.11, 1.0, true)] // 1.11 > 1 * 1.1
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Relative, 0.1, 1.05, 1.0, false)]
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Absolute, 0.1, 1.11, 1.0, true)] // 1.11 > 1 + 0.1
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Absolute, 0.1, 1.05, 1.0, false)]
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Relative, 0.1, -1.0, -1.0, true)] // quirk: -1 < -1 * 0.9 = -0.9
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Relative, 1e-4, 5.0, double.PositiveInfinity, true)]
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Relative, 1e-4, -5.0, double.NegativeInfinity, true)]
    [InlineData(PlateauMode.Min, PlateauThresholdMode.Relative, 1e-4, double.NaN, double.PositiveInfinity, false)]
    [InlineData(PlateauMode.Max, PlateauThresholdMode.Absolute, 1e-4, double.NaN, 1.0, false)]
    public void Is_better_follows_pytorch(PlateauMode mode, PlateauThresholdMode thresholdMode, double threshold, double metric, double best, bool expected) =>
        Assert.Equal(expected, PlateauReduction.IsBetter(metric, best, mode, thresholdMode, threshold));

    [Fact]
    public void Reduction_is_due_on_the_report_where_bad_epochs_exceed_patience()
    {
        var plateau = new PlateauReduction(new PlateauOptions { Patience = 2 });
        Assert.False(plateau.Report(1.0)); // best
        Assert.False(plateau.Report(1.0)); // bad 1
        Assert.False(plateau.Report(1.0)); // bad 2
        Assert.True(plateau.Report(1.0)); // bad 3 > 2
        Assert.Equal(0, plateau.NumBadEpochs);
        Assert.Equal(4, plateau.LastEpoch);
        Assert.Equal(1.0, plateau.Best);
    }

    [Fact]
    public void Bad_reports_during_cooldown_are_not_counted()
    {
        var plateau = new PlateauReduction(new PlateauOptions { Patience = 1, Cooldown = 2 });
        plateau.Report(1.0);
        plateau.Report(1.0);
        Assert.True(plateau.Report(1.0)); // bad 2 > 1
        Assert.Equal(2, plateau.CooldownCounter);
        Assert.True(plateau.InCooldown);
        Assert.False(plateau.Report(1.0)); // cooldown 2 -> 1, bad reset
        Assert.Equal(0, plateau.NumBadEpochs);
        Assert.False(plateau.Report(1.0)); // cooldown 1 -> 0, bad reset
        Assert.False(plateau.InCooldown);
        Assert.False(plateau.Report(1.0)); // bad 1
        Assert.True(plateau.Report(1.0)); // bad 2 > 1
    }

    [Fact]
    public void Nan_metric_counts_as_bad_and_keeps_best()
    {
        var plateau = new PlateauReduction(new PlateauOptions { Patience = 1 });
        plateau.Report(2.0);
        Assert.False(plateau.Report(double.NaN));
        Assert.Equal(1, plateau.NumBadEpochs);
        Assert.True(plateau.Report(double.NaN));
        Assert.Equal(2.0, plateau.Best);
    }

    [Fact]
    public void Negative_metrics_in_relative_min_mode_never_plateau()
    {
        // PyTorch quirk: best * (1 - threshold) lies above a negative best, so an unchanged metric improves.
        var plateau = new PlateauReduction(new PlateauOptions { Patience = 0 });
        for (var k = 0; k < 50; k++)
        {
            Assert.False(plateau.Report(-1.0));
        }

        var absolute = new PlateauReduction(new PlateauOptions { Patience = 0, ThresholdMode = PlateauThresholdMode.Absolute });
        absolute.Report(-1.0);
        Assert.True(absolute.Report(-1.0));
    }

    [Fact]
    public void Reduce_scales_groups_and_respects_min_rate_and_eps()
    {
        var plateau = new PlateauReduction(new PlateauOptions { Factor = 0.5, MinRates = [0.0, 0.3, 0.0], Eps = 0.01 }, 3);
        // group 0: 0.4 -> 0.2 applied; group 1: max(0.2, 0.3) = 0.3, 0.4 - 0.3 > eps applied; group 2: 0.015 -> 0.0075, 0.0075 < eps skipped
        Assert.True(plateau.Reduce([0.4, 0.4, 0.015]));
        Assert.Equal([0.5, 0.5, 1.0], plateau.Scales);
        Assert.Equal(0.2, plateau.Apply(0, 0.4));
        Assert.Equal(0.3, plateau.Apply(1, 0.4)); // max(0.4 * 0.5, 0.3)
        Assert.Equal(0.015, plateau.Apply(2, 0.015));
        // group 1 now sits at its bound: no further change there
        Assert.True(plateau.Reduce([0.2, 0.3, 0.015]));
        Assert.Equal([0.25, 0.5, 1.0], plateau.Scales);
        Assert.False(plateau.Reduce([0.0, 0.3, 0.015]));
    }

    [Fact]
    public void Min_rate_clamp_only_applies_after_a_reduction()
    {
        Assert.Equal(0.001, PlateauReduction.ScaleRate(0.001, 1.0, 0.01));
        Assert.Equal(0.01, PlateauReduction.ScaleRate(0.001, 0.5, 0.01));
        Assert.Equal(0.05, PlateauReduction.ScaleRate(0.1, 0.5, 0.01));
    }

    [Fact]
    public void Reduce_rejects_wrong_number_of_rates()
    {
        var plateau = new PlateauReduction(new PlateauOptions(), 2);
        var ex = Assert.Throws<ScheduleArgumentException>(() => plateau.Reduce([0.1]));
        Assert.Contains("currentRates", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<PlateauOptions, int, string> InvalidOptions => new()
    {
        { new PlateauOptions { Factor = 1.0 }, 1, "factor" },
        { new PlateauOptions { Factor = 0.0 }, 1, "factor" },
        { new PlateauOptions { Factor = double.NaN }, 1, "factor" },
        { new PlateauOptions { Patience = -1 }, 1, "patience" },
        { new PlateauOptions { Threshold = -1e-4 }, 1, "threshold" },
        { new PlateauOptions { Threshold = double.PositiveInfinity }, 1, "threshold" },
        { new PlateauOptions { Cooldown = -1 }, 1, "cooldown" },
        { new PlateauOptions { Eps = -1 }, 1, "eps" },
        { new PlateauOptions { MinRates = [] }, 1, "minRates" },
        { new PlateauOptions { MinRates = [0.1, 0.2] }, 3, "minRates" },
        { new PlateauOptions { MinRates = [0.1, -0.2] }, 2, "minRates[1]" },
        { new PlateauOptions { MinRates = null! }, 1, "minRates" },
        { new PlateauOptions { Mode = (PlateauMode)7 }, 1, "mode" },
        { new PlateauOptions { ThresholdMode = (PlateauThresholdMode)7 }, 1, "thresholdMode" },
        { new PlateauOptions(), 0, "groupCount" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_with_the_parameter_named(PlateauOptions options, int groups, string name)
    {
        var ex = Assert.Throws<ScheduleArgumentException>(() => new PlateauReduction(options, groups));
        Assert.StartsWith(name + " must be", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Null_options_are_rejected()
    {
        var ex = Assert.Throws<ScheduleArgumentException>(() => new PlateauReduction(null!));
        Assert.Contains("options", ex.Message, StringComparison.Ordinal);
    }
}
