namespace WarmRestarts.Family;

/// <summary>A point of a <see cref="PiecewiseLinearSchedule"/>: the value at a progress.</summary>
/// <param name="Progress">The progress, in the schedule's unit.</param>
/// <param name="Value">The value there.</param>
public readonly record struct SchedulePoint(double Progress, double Value);
