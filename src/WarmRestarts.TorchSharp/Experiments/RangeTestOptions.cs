using System.Globalization;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>The settings of a learning-rate range test (defaults as fastai's <c>lr_find</c>).</summary>
public sealed record RangeTestOptions
{
    /// <summary>The first rate, finite, &gt; 0.</summary>
    public double StartRate { get; init; } = 1e-7;

    /// <summary>The last rate, &gt; <see cref="StartRate"/>.</summary>
    public double EndRate { get; init; } = 10;

    /// <summary>The number of iterations (batches) the rate rises over, &gt;= 10.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>β of the exponential moving average of the loss, in [0, 1).</summary>
    public double Smoothing { get; init; } = 0.98;

    /// <summary>Stop once the smoothed loss exceeds this many times its best, &gt; 1.</summary>
    public double DivergenceFactor { get; init; } = 4;

    /// <summary>A one-line problem with the settings, or <see langword="null"/>.</summary>
    /// <returns>The first problem found.</returns>
    public string? Problem()
    {
        static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        return !(double.IsFinite(StartRate) && StartRate > 0) ? $"the start rate must be a finite number > 0, but was {Show(StartRate)}; give e.g. --start 1e-7"
            : !(double.IsFinite(EndRate) && EndRate > StartRate) ? $"the end rate must be finite and above the start rate {Show(StartRate)}, but was {Show(EndRate)}; give e.g. --end 10"
            : Iterations < 10 ? $"iterations must be an integer >= 10, but was {Iterations}; give e.g. --iterations 100"
            : !(Smoothing >= 0 && Smoothing < 1) ? $"smoothing must be in [0, 1), but was {Show(Smoothing)}; give e.g. 0.98"
            : !(DivergenceFactor > 1 && double.IsFinite(DivergenceFactor)) ? $"the divergence factor must be a finite number > 1, but was {Show(DivergenceFactor)}; give e.g. 4"
            : null;
    }
}
