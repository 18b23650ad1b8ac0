namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// Student's t distribution: its distribution function through the regularised incomplete beta function, and its
/// quantile by bisection on that function (exact to about 1e-12, enough for any table).
/// </summary>
public static class StudentT
{
    /// <summary>The probability that a t-distributed variable with <paramref name="degreesOfFreedom"/> is at most <paramref name="t"/>.</summary>
    /// <param name="t">The value.</param>
    /// <param name="degreesOfFreedom">ν, &gt; 0.</param>
    /// <returns>P(T ≤ t).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not &gt; 0.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        CheckDegrees(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1.0 : 0.0;
        }

        var square = t * t;
        if (square < degreesOfFreedom)
        {
            // Near 0: P(|T| < |t|) = I_y(1/2, ν/2) with y = t² / (ν + t²). The tail form below would need 1 − x for x
            // close to 1 and lose digits there (relative error ~1e-16 / y: 1e-9 at t = 0.004, ν = 159).
            var center = 0.5 * IncompleteBeta.Regularized(0.5, degreesOfFreedom / 2, square / (degreesOfFreedom + square));
            return t >= 0 ? 0.5 + center : 0.5 - center;
        }

        // In the tails: P(|T| > |t|) = I_x(ν/2, 1/2) with x = ν / (ν + t²) <= 1/2.
        var tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + square));
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The <paramref name="probability"/> quantile: the t with P(T ≤ t) = <paramref name="probability"/>.</summary>
    /// <param name="probability">In (0, 1); e.g. 0.975 for a two-sided 95% interval.</param>
    /// <param name="degreesOfFreedom">ν, &gt; 0 (n − 1 for a sample of n).</param>
    /// <returns>The quantile.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The probability is not in (0, 1) or the degrees of freedom are not &gt; 0.</exception>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be in (0, 1); give e.g. 0.975 for a two-sided 95% interval");
        }

        CheckDegrees(degreesOfFreedom);
        if (probability == 0.5)
        {
            return 0;
        }

        if (probability < 0.5)
        {
            return -Quantile(1 - probability, degreesOfFreedom);
        }

        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < probability)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-14 * high; i++)
        {
            var middle = 0.5 * (low + high);
            if (Cdf(middle, degreesOfFreedom) < probability)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }

    private static void CheckDegrees(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsPositiveInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be a finite number > 0; a paired interval needs at least 2 seeds (n − 1 >= 1)");
        }
    }
}
