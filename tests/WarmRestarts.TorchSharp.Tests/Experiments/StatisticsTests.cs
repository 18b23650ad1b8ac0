using CsCheck;
using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.TorchSharp.Tests.Experiments;

/// <summary>The comparison statistics on inputs whose answers are known (textbook tables, closed forms, hand sums).</summary>
public sealed class StatisticsTests
{
    // Two-sided 95% critical values t(0.975, ν) and a few others, from the standard t table (4 decimals).
    [Theory]
    [InlineData(0.975, 1, 12.7062)]
    [InlineData(0.975, 2, 4.3027)]
    [InlineData(0.975, 3, 3.1824)]
    [InlineData(0.975, 4, 2.7764)]
    [InlineData(0.975, 5, 2.5706)]
    [InlineData(0.975, 7, 2.3646)]
    [InlineData(0.975, 10, 2.2281)]
    [InlineData(0.975, 30, 2.0423)]
    [InlineData(0.975, 120, 1.9799)]
    [InlineData(0.95, 7, 1.8946)]
    [InlineData(0.995, 3, 5.8409)]
    [InlineData(0.9995, 7, 5.4079)]
    public void The_t_quantile_matches_the_table(double probability, double degrees, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(probability, degrees), 4);
        Assert.Equal(-expected, StudentT.Quantile(1 - probability, degrees), 4);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(0.975)]
    [InlineData(0.999)]
    public void The_t_quantile_matches_the_closed_forms_for_one_and_two_degrees(double p)
    {
        // ν = 1 is the Cauchy distribution: tan(π(p − ½)); ν = 2: (2p − 1) / √(2p(1 − p)).
        Assert.Equal(Math.Tan(Math.PI * (p - 0.5)), StudentT.Quantile(p, 1), 1e-9 * Math.Tan(Math.PI * (p - 0.5)));
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), StudentT.Quantile(p, 2), 1e-10);
    }

    [Fact]
    public void The_t_distribution_approaches_the_normal_one() =>
        Assert.Equal(1.959964, StudentT.Quantile(0.975, 1e7), 5);

    [Fact]
    public void The_distribution_function_inverts_the_quantile()
    {
        // Once failed near the median (p = 0.5016, ν = 159: t = 0.004, where the tail form lost digits in 1 − x).
        Assert.Equal(0.5016085368611131, StudentT.Cdf(StudentT.Quantile(0.5016085368611131, 159), 159), 12);
        Gen.Select(Gen.Double[0.001, 0.999], Gen.Int[1, 200]).Sample(
            (p, df) => Math.Abs(StudentT.Cdf(StudentT.Quantile(p, df), df) - p) < 1e-12,
            iter: 2000);
    }

    [Fact]
    public void The_t_functions_refuse_impossible_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.975, 0));
        Assert.Equal(0.5, StudentT.Cdf(0, 4));
        Assert.Equal(1.0, StudentT.Cdf(double.PositiveInfinity, 4));
    }

    [Fact]
    public void Mean_sample_deviation_and_median()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5.0, Statistics.Mean(values));
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.SampleStandardDeviation(values), 14); // divisor n − 1, not n (which gives 2)
        Assert.Equal(4.5, Statistics.Median(values));
        Assert.Equal(3.0, Statistics.Median([5.0, 1, 3]));
        Assert.True(double.IsNaN(Statistics.SampleStandardDeviation([1.0])));
        Assert.True(double.IsNaN(Statistics.Mean([])));
    }

    [Fact]
    public void The_paired_interval_is_mean_plus_minus_t_times_s_over_root_n()
    {
        // Differences 1..5: mean 3, s = √2.5, t(0.975, 4) = 2.7764451 → half width 1.9632432.
        var interval = PairedInterval.Of([11.0, 12, 13, 14, 15], [10.0, 10, 10, 10, 10]);
        Assert.Equal(3.0, interval.Mean, 14);
        Assert.Equal(Math.Sqrt(2.5), interval.StandardDeviation, 14);
        Assert.Equal(3 - 1.9632432, interval.Lower, 6);
        Assert.Equal(3 + 1.9632432, interval.Upper, 6);
        Assert.Equal(5, interval.Count);
    }

    [Fact]
    public void Pairing_removes_the_seed_to_seed_spread()
    {
        // The seeds differ by several points, but every pair differs by 0.2 points ± 0.01: paired, the interval is
        // tight and excludes 0; an unpaired look at the two spreads could not tell them apart.
        double[] baseline = [0.80, 0.84, 0.78, 0.86, 0.82, 0.79, 0.85, 0.81];
        double[] noise = [0.0001, -0.0001, 0.00005, -0.00005, 0.0001, -0.0001, 0, 0];
        var values = baseline.Select((b, i) => b + 0.002 + noise[i]).ToArray();
        var interval = PairedInterval.Of(values, baseline);
        Assert.Equal(0.002, interval.Mean, 10);
        Assert.True(interval.Lower > 0.0019 && interval.Upper < 0.0021, $"{interval}");
        Assert.True(interval.IsNonInferior(0.003));
        Assert.True(Statistics.SampleStandardDeviation(baseline) > 0.02);
    }

    [Fact]
    public void Non_inferiority_needs_the_whole_interval_above_minus_the_margin()
    {
        var slightlyWorse = PairedInterval.OfDifferences([-0.001, -0.002, -0.0015, -0.001]);
        Assert.True(slightlyWorse.IsNonInferior(0.003));
        var unclear = PairedInterval.OfDifferences([0.004, -0.01, 0.002, -0.006]);
        Assert.True(unclear.Lower < -0.003);
        Assert.False(unclear.IsNonInferior(0.003));
    }

    [Fact]
    public void A_single_pair_has_no_interval_and_unequal_samples_are_refused()
    {
        var single = PairedInterval.Of([0.9], [0.8]);
        Assert.Equal(0.1, single.Mean, 14);
        Assert.True(double.IsNaN(single.Lower) && double.IsNaN(single.Upper));
        Assert.Throws<ArgumentException>(() => PairedInterval.Of([0.9, 0.8], [0.8]));
    }

    [Fact]
    public void The_anytime_curve_ships_the_last_cycle_end_for_restart_schedules()
    {
        double[] current = [0.50, 0.60, 0.40, 0.70, 0.65, 0.80];
        CycleEndPoint[] ends = [new(2, 0.61), new(5, 0.66)];

        // Before the first cycle end: the current model; then the model of the last completed cycle end, even when
        // the current one is better (it is mid-cycle, at a high rate).
        Assert.Equal([0.50, 0.61, 0.61, 0.61, 0.66, 0.66], Anytime.Curve(current, ends));
        Assert.Equal(current, Anytime.Curve(current, []));
    }

    [Fact]
    public void A_cycle_end_inside_an_epoch_counts_from_that_epoch_end()
    {
        double[] current = [0.5, 0.6, 0.7, 0.8];
        Assert.Equal([0.5, 0.6, 0.65, 0.65], Anytime.Curve(current, [new(2.5, 0.65)]));
    }

    [Fact]
    public void Epochs_to_target_is_the_first_epoch_at_or_above_it()
    {
        double[] curve = [0.5, 0.7, 0.69, 0.8];
        Assert.Equal(2, EpochsToTarget.First(curve, 0.7));
        Assert.Equal(4, EpochsToTarget.First(curve, 0.75));
        Assert.Null(EpochsToTarget.First(curve, 0.9));
    }

    [Fact]
    public void The_median_speed_up_counts_misses_against_the_side_that_missed()
    {
        // Per seed: 10/5 = 2, 12/4 = 3, schedule only: +∞, baseline only: 0, neither: left out.
        var speedUp = EpochsToTarget.MedianSpeedUp([5, 4, 6, null, null], [10, 12, null, 8, null]);
        Assert.Equal(2.5, speedUp.Median);
        Assert.Equal(4, speedUp.Seeds);
        Assert.Equal(3, speedUp.Reached);
        Assert.Equal(5, speedUp.Total);
        Assert.Equal(0.0, EpochsToTarget.MedianSpeedUp([null, null, 3], [5, 6, 3]).Median);
        Assert.True(double.IsNaN(EpochsToTarget.MedianSpeedUp([null], [null]).Median));
    }

    [Fact]
    public void The_stratified_split_keeps_class_proportions_and_is_disjoint_and_repeatable()
    {
        // 3 classes of 300, 200, 100 examples (interleaved); subsets of 60 and 30.
        var labels = Enumerable.Range(0, 600).Select(i => i % 6 < 3 ? 0 : i % 6 < 5 ? 1 : 2).ToArray();
        var split = StratifiedSplit.Split(labels, [60, 30], seed: 7);
        Assert.Equal([30, 20, 10], Enumerable.Range(0, 3).Select(c => split[0].Count(i => labels[i] == c)));
        Assert.Equal([15, 10, 5], Enumerable.Range(0, 3).Select(c => split[1].Count(i => labels[i] == c)));
        Assert.Empty(split[0].Intersect(split[1]));
        Assert.Equal(split[0], StratifiedSplit.Split(labels, [60, 30], seed: 7)[0]);
        Assert.NotEqual(split[0], StratifiedSplit.Split(labels, [60, 30], seed: 8)[0]);
        Assert.Throws<ArgumentException>(() => StratifiedSplit.Split(labels, [500, 200], seed: 7));
    }
}
