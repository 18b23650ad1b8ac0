using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

/// <summary>A constant schedule for the tests (the library's own constant schedule lives elsewhere).</summary>
internal sealed class ConstantTestSchedule(double value) : Schedule
{
    protected internal override double EvaluateCore(double t) => value;

    protected internal override void WriteSpec(SpecWriter writer) => writer.BeginCall("test_constant").Argument("value", value).EndCall();
}

/// <summary>A linear ramp <c>slope · t</c> for the tests (no cycles).</summary>
internal sealed class RampTestSchedule(double slope) : Schedule
{
    protected internal override double EvaluateCore(double t) => slope * t;

    protected internal override void WriteSpec(SpecWriter writer) => writer.BeginCall("test_ramp").Argument("slope", slope).EndCall();
}

/// <summary>Parameter groups without momentum and with any base rates (no validation), recording writes.</summary>
internal sealed class RawGroups(double[] baseRates, bool supportsMomentum) : IParameterGroups
{
    public int Count => baseRates.Length;

    public bool SupportsMomentum => supportsMomentum;

    public double GetBaseRate(int group) => baseRates[group];

    public void SetRate(int group, double rate)
    {
    }

    public void SetMomentum(int group, double momentum)
    {
    }
}
