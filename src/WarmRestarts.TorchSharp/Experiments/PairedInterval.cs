namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// The mean of paired differences (value − baseline, one pair per seed) with its two-sided confidence interval from
/// Student's t with n − 1 degrees of freedom: mean ± t · s / √n.
/// </summary>
/// <param name="Mean">The mean difference.</param>
/// <param name="Lower">The interval's lower end (NaN with fewer than two pairs).</param>
/// <param name="Upper">The interval's upper end (NaN with fewer than two pairs).</param>
/// <param name="StandardDeviation">The sample standard deviation of the differences.</param>
/// <param name="Count">The number of pairs.</param>
/// <param name="Confidence">The confidence level, e.g. 0.95.</param>
public sealed record PairedInterval(double Mean, double Lower, double Upper, double StandardDeviation, int Count, double Confidence)
{
    /// <summary>The paired interval of <paramref name="values"/> − <paramref name="baseline"/>.</summary>
    /// <param name="values">One value per seed.</param>
    /// <param name="baseline">The baseline's value for the same seeds, in the same order.</param>
    /// <param name="confidence">The two-sided confidence level, in (0, 1).</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not in (0, 1).</exception>
    public static PairedInterval Of(IReadOnlyList<double> values, IReadOnlyList<double> baseline, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(baseline);
        if (values.Count != baseline.Count)
        {
            throw new ArgumentException($"paired samples need one value per seed on both sides, but there are {values.Count} and {baseline.Count}; pass the same seeds", nameof(baseline));
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1); give e.g. 0.95");
        }

        var differences = values.Zip(baseline, (v, b) => v - b).ToArray();
        return OfDifferences(differences, confidence);
    }

    /// <summary>The interval of the mean of already-paired differences.</summary>
    /// <param name="differences">One difference per seed.</param>
    /// <param name="confidence">The two-sided confidence level, in (0, 1).</param>
    /// <returns>The interval.</returns>
    public static PairedInterval OfDifferences(IReadOnlyList<double> differences, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var mean = Statistics.Mean(differences);
        var deviation = Statistics.SampleStandardDeviation(differences);
        if (differences.Count < 2)
        {
            return new PairedInterval(mean, double.NaN, double.NaN, deviation, differences.Count, confidence);
        }

        var half = StudentT.Quantile(1 - ((1 - confidence) / 2), differences.Count - 1) * deviation / Math.Sqrt(differences.Count);
        return new PairedInterval(mean, mean - half, mean + half, deviation, differences.Count, confidence);
    }

    /// <summary>Whether the whole interval lies above −<paramref name="margin"/>: non-inferiority at that margin.</summary>
    /// <param name="margin">The largest loss still counted as "not worse", &gt;= 0 (e.g. 0.003 for 0.3 accuracy points).</param>
    /// <returns><see langword="true"/> when the lower end is above −margin.</returns>
    public bool IsNonInferior(double margin) => Lower > -margin;
}
