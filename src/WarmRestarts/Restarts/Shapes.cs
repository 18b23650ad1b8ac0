using WarmRestarts.Internal;

namespace WarmRestarts.Restarts;

internal sealed class CosineShape : CycleShape
{
    public override double Value(double peak, double floor, double x) => CosineValue(peak, floor, x);

    public override void WriteSpec(SpecWriter writer) => writer.StringValue("cosine");

    /// <summary>The cosine value, callable without a virtual call (<see cref="WarmRestartsSchedule"/>'s stepping path).</summary>
    internal static double CosineValue(double peak, double floor, double x) =>
        floor + ((peak - floor) * (1.0 + Math.Cos(Math.PI * x)) / 2.0);
}

internal sealed class LinearShape : CycleShape
{
    public override double Value(double peak, double floor, double x) => floor + ((peak - floor) * (1.0 - x));

    public override void WriteSpec(SpecWriter writer) => writer.StringValue("linear");
}

internal sealed class ExponentialShape : CycleShape
{
    public override double Value(double peak, double floor, double x)
    {
        // Decayed peaks and floors can underflow to 0 far out (cycle indices near 2^53): a geometric curve to 0 is 0.
        if (x <= 0 || peak <= floor)
        {
            return peak;
        }

        return x >= 1 || floor <= 0 ? floor : Math.Clamp(peak * Math.Pow(floor / peak, x), floor, peak);
    }

    public override void WriteSpec(SpecWriter writer) => writer.StringValue("exponential");

    internal override void Validate(double peak, double floor)
    {
        if (floor <= 0)
        {
            throw Guard.Fail("floor", "> 0 for the exponential cycle shape", Guard.Show(floor), "give a positive floor (a geometric decay never reaches 0) or use the cosine or linear shape");
        }
    }
}

internal sealed class StepHalvingShape : CycleShape
{
    private readonly int _halvings;

    public StepHalvingShape(int halvings) =>
        _halvings = Guard.PositiveInt(halvings, nameof(halvings), "give how many times the rate halves within one cycle");

    public override double Value(double peak, double floor, double x)
    {
        var level = Math.Min(Math.Floor(x * (_halvings + 1)), _halvings);
        return floor + ((peak - floor) * Math.ScaleB(1.0, -(int)level));
    }

    public override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("step_halving").Argument("halvings", _halvings).EndCall();
}

internal sealed class PolynomialShape : CycleShape
{
    private readonly double _power;
    private readonly double _k;

    public PolynomialShape(double power, double k)
    {
        _power = Guard.Positive(power, nameof(power), "give the exponent of (1 - x), e.g. 2.0");
        _k = Guard.Positive(k, nameof(k), "give the k-decay exponent, e.g. 2.0 (1.0 for none)");
    }

    public override double Value(double peak, double floor, double x) =>
        floor + ((peak - floor) * Math.Pow(1.0 - (_k == 1.0 ? x : Math.Pow(x, _k)), _power));

    public override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("polynomial").Argument("power", _power);
        if (_k != 1.0)
        {
            writer.Argument("k", _k);
        }

        writer.EndCall();
    }
}

internal sealed class TanhShape : CycleShape
{
    private readonly double _lower;
    private readonly double _upper;

    public TanhShape(double lower, double upper)
    {
        _lower = Guard.Finite(lower, nameof(lower), "give the tanh argument at the restart, e.g. -7.0");
        _upper = Guard.Finite(upper, nameof(upper), "give the tanh argument at the cycle's end, e.g. 3.0");
        if (!(_lower < _upper))
        {
            throw Guard.Fail(nameof(lower), $"below upper ({Guard.Show(_upper)})", Guard.Show(_lower), "give lower < upper, e.g. lower=-7.0, upper=3.0");
        }
    }

    internal override bool StartsAtPeak => false;

    public override double Value(double peak, double floor, double x) =>
        floor + (0.5 * (peak - floor) * (1.0 - Math.Tanh((_lower * (1.0 - x)) + (_upper * x))));

    public override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("tanh").Argument("lower", _lower).Argument("upper", _upper).EndCall();
}

internal sealed class KDecayCosineShape : CycleShape
{
    private readonly double _k;

    public KDecayCosineShape(double k) =>
        _k = Guard.Positive(k, nameof(k), "give the k-decay exponent, e.g. 2.0 (1.0 is the plain cosine)");

    public override double Value(double peak, double floor, double x) =>
        floor + ((peak - floor) * (1.0 + Math.Cos(Math.PI * Math.Pow(x, _k))) / 2.0);

    public override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("k_decay").Argument("k", _k).EndCall();
}
