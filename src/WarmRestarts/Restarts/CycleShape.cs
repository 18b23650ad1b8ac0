namespace WarmRestarts.Restarts;

/// <summary>
/// The curve a warm-restarts cycle follows from its peak (<c>η_max</c>) to its floor (<c>η_min</c>), as a function
/// of the fraction <c>x = T_cur / T_i</c> of the cycle that has passed.
/// </summary>
/// <remarks>
/// Every shape stays within [floor, peak], and every shape except <see cref="HyperbolicTangent"/> starts exactly
/// at the peak (<c>x = 0</c>). Shapes are immutable singletons or small sealed values; use the static members to
/// get one.
/// </remarks>
public abstract class CycleShape : IEquatable<CycleShape>
{
    private protected CycleShape()
    {
    }

    /// <summary>SGDR's cosine: <c>η = η_min + (η_max − η_min)(1 + cos(π x)) / 2</c> (Loshchilov &amp; Hutter, eq. 5).</summary>
    public static CycleShape Cosine { get; } = new CosineShape();

    /// <summary>A straight line from peak to floor: <c>η = η_min + (η_max − η_min)(1 − x)</c>.</summary>
    public static CycleShape Linear { get; } = new LinearShape();

    /// <summary>
    /// Step halving: the rate halves <paramref name="halvings"/> times, at equal intervals, within each cycle:
    /// <c>η = η_min + (η_max − η_min) · 2^(−⌊x · (halvings + 1)⌋)</c> (the classic sample code's
    /// <c>lr · 0.5^⌊epoch / interval⌋</c>, confined to a cycle).
    /// </summary>
    /// <param name="halvings">How many times the rate halves within a cycle (at least 1).</param>
    /// <returns>The shape.</returns>
    public static CycleShape StepHalving(int halvings) => new StepHalvingShape(halvings);

    /// <summary>
    /// Geometric decay from peak to floor: <c>η = η_max (η_min / η_max)^x</c>, a straight line on a log scale.
    /// Needs a floor above 0.
    /// </summary>
    public static CycleShape Exponential { get; } = new ExponentialShape();

    /// <summary>Polynomial decay: <c>η = η_min + (η_max − η_min)(1 − x)^power</c>.</summary>
    /// <param name="power">The exponent, a finite number &gt; 0 (1 is <see cref="Linear"/>).</param>
    /// <returns>The shape.</returns>
    public static CycleShape Polynomial(double power) => new PolynomialShape(power, 1.0);

    /// <summary>
    /// Polynomial decay with a k-decay exponent: <c>η = η_min + (η_max − η_min)(1 − x^k)^power</c>
    /// (timm's <c>PolyLRScheduler</c> with <c>k_decay</c>; Zhang et al., arXiv 2004.05909). <c>k = 1</c> is
    /// <see cref="Polynomial(double)"/>.
    /// </summary>
    /// <param name="power">The exponent of <c>(1 − x^k)</c>, a finite number &gt; 0.</param>
    /// <param name="k">The k-decay exponent, a finite number &gt; 0.</param>
    /// <returns>The shape.</returns>
    public static CycleShape Polynomial(double power, double k) => new PolynomialShape(power, k);

    /// <summary>
    /// Hyperbolic-tangent decay (Hsueh et al., "Stochastic Gradient Descent with Hyperbolic-Tangent Decay on
    /// Classification", arXiv 1806.01593; timm's <c>TanhLRScheduler</c> with <c>lb</c>, <c>ub</c>):
    /// <c>η = η_min + (η_max − η_min)(1 − tanh(lower · (1 − x) + upper · x)) / 2</c>.
    /// </summary>
    /// <remarks>
    /// The curve runs from <c>(1 − tanh(lower)) / 2</c> of the way up at the restart to <c>(1 − tanh(upper)) / 2</c>
    /// at the cycle's end: it starts just below the peak and ends just above the floor (with timm's defaults
    /// <c>lower = −7</c>, <c>upper = 3</c>: 0.9999992 and 0.0025 of the amplitude). It is the one shape that does not
    /// start exactly at the peak.
    /// </remarks>
    /// <param name="lower">The tanh argument at the restart (timm's <c>lb</c>), finite, below <paramref name="upper"/>.</param>
    /// <param name="upper">The tanh argument at the cycle's end (timm's <c>ub</c>), finite.</param>
    /// <returns>The shape.</returns>
    public static CycleShape HyperbolicTangent(double lower, double upper) => new TanhShape(lower, upper);

    /// <summary>
    /// k-decay cosine (Zhang et al., "k-decay: A New Method For Learning Rate Schedule", arXiv 2004.05909):
    /// <c>η = η_min + (η_max − η_min)(1 + cos(π x^k)) / 2</c>; <c>k = 1</c> is SGDR's cosine, larger k keeps the
    /// rate high for longer. Same as timm's <c>k_decay</c>.
    /// </summary>
    /// <param name="k">The exponent k, a finite number &gt; 0.</param>
    /// <returns>The shape.</returns>
    public static CycleShape KDecayCosine(double k) => new KDecayCosineShape(k);

    /// <summary>The value at fraction <paramref name="x"/> of a cycle from <paramref name="peak"/> to <paramref name="floor"/>.</summary>
    /// <param name="peak">The cycle's peak, <c>η_max</c>.</param>
    /// <param name="floor">The cycle's floor, <c>η_min</c> (&lt;= peak).</param>
    /// <param name="x">The fraction of the cycle passed, in [0, 1].</param>
    /// <returns>A value in [floor, peak].</returns>
    public abstract double Value(double peak, double floor, double x);

    /// <summary>Writes the shape's spec text: a string such as <c>'cosine'</c> or a call such as <c>k_decay(k=2.0)</c>.</summary>
    /// <param name="writer">The writer.</param>
    public abstract void WriteSpec(SpecWriter writer);

    /// <summary>Whether the value at <c>x = 0</c> is the peak itself (then the engine returns the peak exactly there).</summary>
    internal virtual bool StartsAtPeak => true;

    /// <summary>Checks, at construction of a schedule, that this shape can run from <paramref name="peak"/> to <paramref name="floor"/>.</summary>
    /// <param name="peak">The schedule's peak.</param>
    /// <param name="floor">The schedule's floor.</param>
    internal virtual void Validate(double peak, double floor)
    {
    }

    /// <summary>The shape's spec text.</summary>
    /// <returns>E.g. <c>'cosine'</c>.</returns>
    public sealed override string ToString()
    {
        var writer = new SpecWriter();
        WriteSpec(writer);
        return writer.ToString();
    }

    /// <inheritdoc />
    public bool Equals(CycleShape? other) => other is not null && other.ToString() == ToString();

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as CycleShape);

    /// <inheritdoc />
    public sealed override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
