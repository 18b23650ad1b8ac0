namespace WarmRestarts.Scheduling;

/// <summary>The optional parts of a <see cref="GroupScheduler"/>. Checked when the scheduler is built.</summary>
public sealed record GroupSchedulerOptions
{
    /// <summary>
    /// When <see langword="true"/>, a schedule's value is a multiplier of each group's base rate:
    /// <c>rate_g(t) = baseRate_g · schedule_g(t)</c> (PyTorch's <c>LambdaLR</c> use), so one schedule peaking at 1
    /// drives groups with different base rates. Default <see langword="false"/>: the schedule's value is the rate.
    /// </summary>
    public bool RelativeToBaseRate { get; init; }

    /// <summary>
    /// A schedule for the momentum (SGD's momentum, Adam's <c>beta1</c>), on the same clock, written to every group;
    /// <see langword="null"/> (default): momentum is left alone. Needs <see cref="IParameterGroups.SupportsMomentum"/>.
    /// </summary>
    public Schedule? Momentum { get; init; }

    /// <summary>Reduce-on-plateau on top of the schedules (see <see cref="PlateauReduction"/>); <see langword="null"/> (default): none.</summary>
    public PlateauOptions? Plateau { get; init; }
}
