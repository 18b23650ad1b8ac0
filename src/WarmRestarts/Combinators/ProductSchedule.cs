using WarmRestarts.Internal;

namespace WarmRestarts.Combinators;

/// <summary>
/// The product of schedules: <c>η_t = s_1(t) · s_2(t) · …</c> (PyTorch <c>ChainedScheduler</c>, or several
/// multiplicative schedulers on one optimizer; e.g. a decay envelope times a cyclic or restart schedule).
/// </summary>
/// <remarks>
/// A product that would overflow is held at <see cref="double.MaxValue"/> (with its sign), so the value stays
/// finite. Restart cycles are those of the first schedule that has them.
/// </remarks>
public sealed class ProductSchedule : Schedule
{
    private readonly Schedule[] _schedules;

    /// <summary>Creates the schedule.</summary>
    /// <param name="schedules">At least two schedules.</param>
    /// <exception cref="ScheduleArgumentException">Fewer than two schedules, or one is null.</exception>
    public ProductSchedule(IEnumerable<Schedule> schedules)
    {
        _schedules = Guard.NotNull(schedules, nameof(schedules), "give the schedules to multiply").ToArray();
        if (_schedules.Length < 2)
        {
            throw Guard.Fail(nameof(schedules), "at least two schedules", $"{_schedules.Length} schedule(s)", "give two or more schedules, or use the single schedule (or Scale) directly");
        }

        for (var i = 0; i < _schedules.Length; i++)
        {
            Guard.NotNull(_schedules[i], nameof(schedules), $"give a schedule at index {i}");
        }

        Schedules = Array.AsReadOnly(_schedules);
    }

    /// <summary>The factors.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        var product = 1.0;
        foreach (var schedule in _schedules)
        {
            var value = schedule.EvaluateCore(t);
            if (value == 0.0)
            {
                return 0.0;
            }

            product *= value;
        }

        return FiniteValue.Saturate(product);
    }

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        foreach (var schedule in _schedules)
        {
            if (schedule.TryGetCycleCore(t, out cycle))
            {
                return true;
            }
        }

        cycle = default;
        return false;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("product").Argument("schedules", _schedules).EndCall();
}
