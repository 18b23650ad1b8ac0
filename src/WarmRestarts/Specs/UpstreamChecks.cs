namespace WarmRestarts.Specs;

/// <summary>
/// Argument checks shared by the Keras and optax names, in the upstream's parameter names: each failure is a one-line
/// <see cref="SpecException"/> at the argument, saying what was expected, what was given and what to do.
/// </summary>
internal static class UpstreamChecks
{
    /// <summary>A learning rate: a finite number &gt;= 0.</summary>
    public static double Rate(CallReader r, string name, string example, double? fallback = null)
    {
        var value = fallback is { } f ? r.Number(name, f) : r.RequiredNumber(name, example);
        if (!double.IsFinite(value) || value < 0)
        {
            throw r.Error(name, $"expected a finite rate >= 0, but got {Show(value)}; a negative rate is wrong even where the upstream accepts it; give e.g. {name}={example}");
        }

        return value;
    }

    /// <summary>A number that must be finite and &gt; 0 (a length in steps the upstream itself rejects when &lt;= 0).</summary>
    public static double Positive(CallReader r, string name, string example, string upstream)
    {
        var value = r.RequiredNumber(name, example);
        if (!double.IsFinite(value) || value <= 0)
        {
            throw r.Error(name, $"must be > 0, but got {Show(value)} ({upstream}); give e.g. {name}={example}");
        }

        return value;
    }

    /// <summary>A number in [0, 1].</summary>
    public static double Fraction(CallReader r, string name, double fallback, string why)
    {
        var value = r.Number(name, fallback);
        if (!(value >= 0 && value <= 1))
        {
            throw r.Error(name, $"expected a number in [0, 1], but got {Show(value)}; {why}");
        }

        return value;
    }

    /// <summary>An exponent: a finite number &gt; 0.</summary>
    public static double Exponent(CallReader r, string name, double? fallback, string example)
    {
        var value = fallback is { } f ? r.Number(name, f) : r.RequiredNumber(name, example);
        if (!double.IsFinite(value) || value <= 0)
        {
            throw r.Error(name, $"expected a finite number > 0, but got {Show(value)} (an exponent of 0 or less makes the rate constant or infinite); give e.g. {name}={example}");
        }

        return value;
    }

    /// <summary>A finite number, any sign; required when there is no <paramref name="fallback"/>.</summary>
    public static double Finite(CallReader r, string name, double? fallback, string example = "0")
    {
        var value = fallback is { } f ? r.Number(name, f) : r.RequiredNumber(name, example);
        if (!double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number, but got {Show(value)}");
        }

        return value;
    }

    /// <summary>Schedule boundaries (steps where something changes): finite, strictly increasing, the first &gt;= <paramref name="minimum"/>.</summary>
    public static double[] Increasing(CallReader r, string name, IReadOnlyList<double> values, double minimum, string why)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]) || (i == 0 ? !(values[i] >= minimum) : !(values[i] > values[i - 1])))
            {
                throw r.Error(name, $"expected strictly increasing steps from {Show(minimum)} on, but got [{string.Join(", ", values.Select(Show))}]; {why}");
            }
        }

        return [.. values];
    }

    public static string Show(double value) => SpecWriter.FormatNumber(value);
}
