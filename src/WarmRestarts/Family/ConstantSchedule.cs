using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// A constant rate: <c>η_t = value</c> for every progress <c>t</c> (optax <c>constant_schedule</c>,
/// PyTorch <c>ConstantLR</c> after its warm factor ends).
/// </summary>
public sealed class ConstantSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="value">The rate, a finite number &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException"><paramref name="value"/> is negative, NaN or infinite.</exception>
    public ConstantSchedule(double value) =>
        Value = Guard.NonNegative(value, nameof(value), "give the constant rate, e.g. 0.1");

    /// <summary>The rate.</summary>
    public double Value { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) => Value;

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("constant").Argument("value", Value).EndCall();
}
