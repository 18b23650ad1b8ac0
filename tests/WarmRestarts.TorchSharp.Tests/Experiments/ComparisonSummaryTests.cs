using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.TorchSharp.Tests.Experiments;

/// <summary>The summary of stored outcomes, on synthetic runs whose answers are worked out by hand.</summary>
public sealed class ComparisonSummaryTests
{
    private static RunOutcome Run(string label, long seed, double[] test, (double Epoch, double Accuracy, double Ensemble)[] cycleEnds, double ensemble = double.NaN, EnsembleOutcome? epochEnsemble = null) => new()
    {
        Label = label,
        Spec = label,
        Seed = seed,
        StepsPerEpoch = 10,
        Settings = new Dictionary<string, string>(),
        Epochs = [.. test.Select((a, i) => new EpochOutcome(i + 1, a, a - 0.01, 0.5, 0.1, 2.0, 1.0 + seed))],
        CycleEnds = [.. cycleEnds.Select((c, i) => new CycleEndOutcome(i, c.Epoch, c.Accuracy, c.Accuracy - 0.01, c.Ensemble))],
        FinalTestAccuracy = test[^1],
        FinalValidationAccuracy = test[^1] - 0.01,
        EnsembleTestAccuracy = ensemble,
        EpochEnsemble = epochEnsemble,
    };

    [Fact]
    public void Finals_paired_differences_targets_speed_ups_and_ensembles()
    {
        // Baseline (no restarts): finals 0.80, 0.82, 0.84 → mean 0.82, target 0.82.
        RunOutcome[] baseline =
        [
            Run("cosine", 1, [0.70, 0.75, 0.80], [], epochEnsemble: new([2, 3], 0.81, double.NaN)),
            Run("cosine", 2, [0.72, 0.82, 0.82], [], epochEnsemble: new([2, 3], 0.83, double.NaN)),
            Run("cosine", 3, [0.74, 0.79, 0.84], [], epochEnsemble: new([2, 3], 0.85, double.NaN)),
        ];

        // Restarts with cycle ends after epochs 1 and 3 (the anytime curve holds epoch 1's model through epoch 2);
        // finals 0.81, 0.84, 0.86: differences +0.01, +0.02, +0.02.
        RunOutcome[] sgdr =
        [
            Run("sgdr", 1, [0.82, 0.70, 0.81], [(1, 0.82, double.NaN), (3, 0.81, 0.83)], ensemble: 0.83),
            Run("sgdr", 2, [0.79, 0.90, 0.84], [(1, 0.79, double.NaN), (3, 0.84, 0.85)], ensemble: 0.85),
            Run("sgdr", 3, [0.83, 0.60, 0.86], [(1, 0.83, double.NaN), (3, 0.86, 0.87)], ensemble: 0.87),
        ];

        var summary = ComparisonSummary.Summarize([baseline, sgdr]);
        Assert.Equal(0.82, summary.Target, 12);
        Assert.False(summary.TargetOnValidation);
        var (first, second) = (summary.Arms[0], summary.Arms[1]);
        Assert.False(first.HasRestarts);
        Assert.True(second.HasRestarts);
        Assert.Equal(0.82, first.MeanFinal, 12);
        Assert.Equal(0.02, first.StandardDeviationFinal, 12);
        Assert.Equal(0.0, first.DifferenceToBaseline.Mean);

        // Differences 0.01, 0.02, 0.02: mean 0.05/3, s = √(1/3)·0.01 (≈ 0.005774), half width t(0.975, 2) · s / √3.
        var s = Math.Sqrt(1.0 / 3) * 0.01;
        Assert.Equal(0.05 / 3, second.DifferenceToBaseline.Mean, 12);
        Assert.Equal(s, second.DifferenceToBaseline.StandardDeviation, 12);
        Assert.Equal((0.05 / 3) - (4.302653 * s / Math.Sqrt(3)), second.DifferenceToBaseline.Lower, 6);

        // Anytime: the restart arm ships epoch 1's model in epoch 2 (not the 0.70/0.90/0.60 mid-cycle ones).
        AssertClose([2.44 / 3, 2.44 / 3, 2.51 / 3], second.MeanAnytime);
        AssertClose([0.72, 2.36 / 3, 0.82], first.MeanAnytime);

        // Epochs to 0.82: baseline never, 2, 3; restarts 1, 3, 1 (seed 2: 0.79 held through epoch 2, 0.84 at 3).
        Assert.Equal([null, 2, 3], first.EpochsToTarget);
        Assert.Equal([1, 3, 1], second.EpochsToTarget);

        // Speed-ups: seed 1 only the schedule reached it (∞), 2/3, 3/1 = 3 → median 3.
        Assert.Equal(3.0, second.SpeedUp.Median, 12);
        Assert.Equal(3, second.SpeedUp.Reached);

        // Ensembles: the cycle-end ensemble where there is one, else the fixed-epoch one; gains over the final model.
        Assert.Equal([0.81, 0.83, 0.85], first.EnsembleAccuracy);
        Assert.Equal(0.01, first.EnsembleGain!.Mean, 12);
        Assert.Equal(0.04 / 3, second.EnsembleGain!.Mean, 12); // 0.83 − 0.81, 0.85 − 0.84, 0.87 − 0.86
        Assert.Equal(3.0, second.CpuSecondsPerEpoch, 12); // 1 + seed CPU seconds per epoch, seeds 1..3
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void The_target_can_come_from_the_validation_curves()
    {
        RunOutcome[] baseline = [Run("a", 1, [0.70, 0.80], []), Run("a", 2, [0.72, 0.84], [])];
        RunOutcome[] other = [Run("b", 1, [0.83, 0.83], []), Run("b", 2, [0.70, 0.83], [])];
        var summary = ComparisonSummary.Summarize([baseline, other], onValidation: true);

        // Validation = test − 0.01 here: target = mean(0.79, 0.83) = 0.81; "b" reaches it on validation at epochs 1 and 2
        // (on the test curves it would be 1 and 2 as well, but at a target of 0.82).
        Assert.Equal(0.81, summary.Target, 12);
        Assert.True(summary.TargetOnValidation);
        Assert.Equal([1, 2], summary.Arms[1].EpochsToTarget);
        Assert.Equal(0.82, ComparisonSummary.Summarize([baseline, other]).Target, 12);
        Assert.Contains("validation", summary.TargetSource, StringComparison.Ordinal);
        Assert.Null(summary.Arms[1].EnsembleGain);
    }
}
