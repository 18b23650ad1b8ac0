using System.Globalization;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>How comparison reports write numbers: accuracies in percent, differences in percentage points.</summary>
public static class ReportText
{
    /// <summary>An accuracy as a percentage with two decimals, e.g. "86.17 %"; "—" for NaN.</summary>
    /// <param name="fraction">In [0, 1].</param>
    /// <returns>The text.</returns>
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.00} %");

    /// <summary>A difference of accuracies in percentage points, signed, e.g. "+0.12 pt"; "—" for NaN.</summary>
    /// <param name="difference">A difference of fractions.</param>
    /// <returns>The text.</returns>
    public static string Points(double difference) => double.IsNaN(difference) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{Signed(difference)} pt");

    /// <summary>A spread of accuracies (e.g. a standard deviation) in percentage points, unsigned, e.g. "0.25 pt"; "—" for NaN.</summary>
    /// <param name="spread">In fractions.</param>
    /// <returns>The text.</returns>
    public static string Spread(double spread) => double.IsNaN(spread) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{spread * 100:0.00} pt");

    /// <summary>A paired interval, e.g. "+0.12 pt [−0.05, +0.29]"; without bounds (one seed) "+0.12 pt [n/a: 1 seed]".</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>The text.</returns>
    public static string Interval(PairedInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return double.IsNaN(interval.Lower)
            ? $"{Points(interval.Mean)} [n/a: {interval.Count} seed{(interval.Count == 1 ? string.Empty : "s")}]"
            : $"{Points(interval.Mean)} [{Signed(interval.Lower)}, {Signed(interval.Upper)}]";
    }

    private static string Signed(double difference) => string.Create(CultureInfo.InvariantCulture, $"{difference * 100:+0.00;−0.00;0.00}");
}
