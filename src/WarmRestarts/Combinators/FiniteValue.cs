namespace WarmRestarts.Combinators;

/// <summary>Keeps combined values finite.</summary>
internal static class FiniteValue
{
    /// <summary>Maps ±infinity to ±<see cref="double.MaxValue"/> and NaN to 0; finite values pass unchanged.</summary>
    public static double Saturate(double value) =>
        double.IsFinite(value) ? value
        : double.IsNaN(value) ? 0.0
        : value > 0 ? double.MaxValue : double.MinValue;
}
