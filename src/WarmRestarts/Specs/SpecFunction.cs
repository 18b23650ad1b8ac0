namespace WarmRestarts.Specs;

/// <summary>One name the spec language knows: its parameters (in positional order) and how to bind a call to it.</summary>
internal sealed record SpecFunction(string Name, IReadOnlyList<string> Parameters, Func<CallReader, Bound> Bind);

/// <summary>The result of binding one call: canonical text and what it builds.</summary>
/// <remarks>
/// PyTorch combinators need to know how their children treat the optimizer: <see cref="ChainKind"/> is how a scheduler
/// acts on the current rate when a <c>ChainedScheduler</c> steps it (null: it cannot be chained with others),
/// <see cref="ChainLinks"/> the flattened links of a chain, and <see cref="InitialRate"/> the rate a scheduler writes
/// into a group's <c>initial_lr</c> when it is constructed first (CyclicLR: <c>base_lr</c>; OneCycleLR:
/// <c>max_lr / div_factor</c>), which the later schedulers of a <c>SequentialLR</c> take as their base rate.
/// </remarks>
internal sealed record Bound(
    string Spec,
    SpecOrigin Origin,
    Func<int, double, Schedule> Rate,
    bool UsesBaseRates = false,
    Func<int, double, Schedule>? Momentum = null,
    Scheduling.PlateauOptions? Plateau = null,
    long? StepLimit = null,
    ProgressUnit? Unit = null,
    int? GroupCount = null,
    TorchChainKind? ChainKind = null,
    IReadOnlyList<Bound>? ChainLinks = null,
    Func<int, double>? InitialRate = null)
{
    /// <summary>A native (absolute) schedule.</summary>
    public static Bound Of(Schedule schedule, SpecOrigin origin = SpecOrigin.Native, ProgressUnit? unit = null) =>
        new(schedule.ToString(), origin, (_, _) => schedule, Unit: unit);

    /// <summary>The schedule when it does not depend on the group (absolute rates), for nesting in native combinators.</summary>
    public Schedule? Fixed => UsesBaseRates || GroupCount is not null ? null : Rate(0, 0.0);

    public ScheduleDefinition ToDefinition() =>
        new(Spec, Origin, UsesBaseRates, Rate, Momentum, Plateau, StepLimit, Unit, GroupCount);
}
