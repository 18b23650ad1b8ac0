using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Multi-step decay: the rate is multiplied by <c>gamma</c> at each milestone:
/// <c>η_t = initial · gamma^n(t)</c>, where <c>n(t)</c> is the number of milestones &lt;= t
/// (PyTorch <c>MultiStepLR</c>, symbols <c>milestones</c> and <c>gamma</c>).
/// </summary>
/// <remarks>
/// The milestones are sorted when the schedule is built and found by binary search. A milestone given twice
/// counts twice (the rate is multiplied by <c>gamma²</c> there), as in PyTorch, whose milestones are a
/// <c>Counter</c>.
/// </remarks>
public sealed class MultiStepSchedule : Schedule
{
    private readonly double[] _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate before the first milestone, finite, &gt;= 0.</param>
    /// <param name="milestones">At least one milestone, each finite and &gt;= 0, in any order; duplicates count twice.</param>
    /// <param name="gamma">The factor applied at each milestone, in (0, 1].</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range or the milestones are empty.</exception>
    public MultiStepSchedule(double initial, IEnumerable<double> milestones, double gamma)
    {
        Initial = Guard.NonNegative(initial, nameof(initial), "give the starting rate, e.g. 0.1");
        var list = Guard.NotNull(milestones, nameof(milestones), "give the progress points where the rate decays, e.g. [30, 80]").ToArray();
        if (list.Length == 0)
        {
            throw Guard.Fail(nameof(milestones), "at least one milestone", "an empty list", "give the progress points where the rate decays, or use a constant schedule");
        }

        foreach (var milestone in list)
        {
            Guard.NonNegative(milestone, nameof(milestones), "give every milestone as a progress point >= 0 in the schedule's unit");
        }

        Array.Sort(list);
        _milestones = list;
        Milestones = Array.AsReadOnly(list);
        Gamma = Guard.UnitFactor(gamma, nameof(gamma), "give the factor applied at each milestone, e.g. 0.1");
    }

    /// <summary>The rate before the first milestone.</summary>
    public double Initial { get; }

    /// <summary>The milestones, sorted ascending (duplicates kept).</summary>
    public IReadOnlyList<double> Milestones { get; }

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        Initial * Math.Pow(Gamma, SortedSearch.CountAtOrBelow(_milestones, t));

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("multi_step").Argument("initial", Initial).Argument("milestones", _milestones).Argument("gamma", Gamma).EndCall();
}
