namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>Summary statistics of a sample (pure; NaN for a sample too small to have them).</summary>
public static class Statistics
{
    /// <summary>The arithmetic mean; NaN for an empty sample.</summary>
    /// <param name="values">The sample.</param>
    /// <returns>The mean.</returns>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    /// <summary>The sample standard deviation s (divisor n − 1); NaN with fewer than two values.</summary>
    /// <param name="values">The sample.</param>
    /// <returns>s.</returns>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>The median (the mean of the two middle values for an even count); NaN for an empty sample.</summary>
    /// <param name="values">The sample.</param>
    /// <returns>The median.</returns>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}
