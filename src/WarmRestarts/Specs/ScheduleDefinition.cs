using WarmRestarts.Scheduling;

namespace WarmRestarts.Specs;

/// <summary>
/// What a spec describes: the schedule of each parameter group (bound to that group's base rate where the spec's
/// library works that way), plus any momentum cycle, plateau reduction and step limit that come with it.
/// </summary>
/// <remarks>
/// Native, Keras and optax specs give absolute rates: every group gets the same schedule. PyTorch and timm specs
/// derive each group's rates from the optimizer's base rate for that group (<see cref="UsesBaseRates"/>), and some
/// take per-group lists (<c>max_lr=[0.1, 0.01]</c>). <see cref="ToString"/> gives the canonical spec text, which
/// parses back to an equal definition.
/// </remarks>
public sealed class ScheduleDefinition : IEquatable<ScheduleDefinition>
{
    private readonly Func<int, double, Schedule> _rate;
    private readonly Func<int, double, Schedule>? _momentum;

    internal ScheduleDefinition(
        string spec,
        SpecOrigin origin,
        bool usesBaseRates,
        Func<int, double, Schedule> rate,
        Func<int, double, Schedule>? momentum = null,
        PlateauOptions? plateau = null,
        long? stepLimit = null,
        ProgressUnit? unit = null,
        int? groupCount = null)
    {
        Spec = spec;
        Origin = origin;
        UsesBaseRates = usesBaseRates;
        _rate = rate;
        _momentum = momentum;
        Plateau = plateau;
        StepLimit = stepLimit;
        Unit = unit;
        GroupCount = groupCount;
    }

    /// <summary>The canonical spec text.</summary>
    public string Spec { get; }

    /// <summary>Which library's names and conventions the spec uses.</summary>
    public SpecOrigin Origin { get; }

    /// <summary>Whether each group's rates derive from its base rate (PyTorch, timm); otherwise all groups share absolute rates.</summary>
    public bool UsesBaseRates { get; }

    /// <summary>The reduce-on-plateau options the spec asks for (<c>torch.ReduceLROnPlateau</c>), or <see langword="null"/>.</summary>
    public PlateauOptions? Plateau { get; }

    /// <summary>Whether the spec cycles the momentum (PyTorch <c>CyclicLR</c>/<c>OneCycleLR</c> with <c>cycle_momentum=True</c>).</summary>
    public bool HasMomentum => _momentum is not null;

    /// <summary>
    /// How many progress points (t = 0, 1, …, StepLimit − 1) the upstream can evaluate, or <see langword="null"/> for no limit
    /// (PyTorch <c>OneCycleLR</c>: <c>total_steps + 1</c>, stepping further raises upstream; a <c>ChainedScheduler</c> evaluated
    /// through PyTorch's recursion step by step: 10,001), so runs longer than this are refused.
    /// </summary>
    public long? StepLimit { get; }

    /// <summary>The unit the upstream counts in (epochs for PyTorch and timm by default, steps for Keras and optax), or <see langword="null"/> for native specs, whose unit the caller chooses.</summary>
    public ProgressUnit? Unit { get; }

    /// <summary>The number of parameter groups the spec's per-group lists fix, or <see langword="null"/> when it fits any number.</summary>
    public int? GroupCount { get; }

    /// <summary>The rate schedule of parameter group <paramref name="group"/>, whose base (initial) rate is <paramref name="baseRate"/>.</summary>
    /// <param name="group">Zero-based group index.</param>
    /// <param name="baseRate">The group's base rate (ignored by specs with absolute rates).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="SpecException">The spec does not fit this group (a per-group list is too short, a floor above the base rate…).</exception>
    public Schedule RateFor(int group, double baseRate)
    {
        CheckGroup(group);
        try
        {
            return _rate(group, baseRate);
        }
        catch (ScheduleArgumentException error)
        {
            throw new SpecException(-1, $"{error.Message.TrimEnd('.')} (in {Spec}, parameter group {group})", error);
        }
    }

    /// <summary>The rate schedules of all groups.</summary>
    /// <param name="baseRates">Each group's base rate.</param>
    /// <returns>One schedule per group.</returns>
    /// <exception cref="SpecException">The spec does not fit the groups.</exception>
    public IReadOnlyList<Schedule> RatesFor(IReadOnlyList<double> baseRates)
    {
        ArgumentNullException.ThrowIfNull(baseRates);
        if (GroupCount is { } count && count != baseRates.Count)
        {
            throw new SpecException(-1, $"{Spec} has per-group lists for {count} parameter groups, but the optimizer has {baseRates.Count}; give one value per group or a single value");
        }

        return [.. baseRates.Select((rate, group) => RateFor(group, rate))];
    }

    /// <summary>The momentum schedule of a group, or <see langword="null"/> when the spec does not cycle momentum.</summary>
    /// <param name="group">Zero-based group index.</param>
    /// <param name="baseRate">The group's base rate.</param>
    /// <returns>The momentum schedule, or null.</returns>
    public Schedule? MomentumFor(int group, double baseRate)
    {
        CheckGroup(group);
        try
        {
            return _momentum?.Invoke(group, baseRate);
        }
        catch (ScheduleArgumentException error)
        {
            throw new SpecException(-1, $"{error.Message.TrimEnd('.')} (in {Spec}, momentum of parameter group {group})", error);
        }
    }

    /// <summary>The canonical spec text.</summary>
    /// <returns><see cref="Spec"/>.</returns>
    public override string ToString() => Spec;

    /// <inheritdoc />
    public bool Equals(ScheduleDefinition? other) => other is not null && other.Spec == Spec;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScheduleDefinition);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Spec);

    private void CheckGroup(int group)
    {
        if (group < 0 || (GroupCount is { } count && group >= count))
        {
            throw new SpecException(-1, $"{Spec} has no parameter group {group}" + (GroupCount is { } n ? $"; its per-group lists have {n} entries" : string.Empty));
        }
    }
}
