using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// A piecewise-constant rate: <c>values[i]</c> between <c>boundaries[i−1]</c> and <c>boundaries[i]</c>.
/// </summary>
/// <remarks>
/// By default the value switches to <c>values[i+1]</c> at <c>t &gt;= boundaries[i]</c>, as optax's
/// <c>piecewise_constant_schedule</c> (its scales become absolute values here). With
/// <c>inclusiveBoundaries</c> it switches only for <c>t &gt; boundaries[i]</c>: <c>values[i]</c> holds while
/// <c>t &lt;= boundaries[i]</c>, as Keras's <c>PiecewiseConstantDecay</c>. The boundary is found by binary search.
/// </remarks>
public sealed class PiecewiseConstantSchedule : Schedule
{
    private readonly double[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="boundaries">Strictly increasing progress points, each finite and &gt;= 0.</param>
    /// <param name="values">One more value than boundaries, each finite and &gt;= 0.</param>
    /// <param name="inclusiveBoundaries">Whether a boundary still belongs to the segment before it (Keras) instead of the one after it (optax).</param>
    /// <exception cref="ScheduleArgumentException">The lists are out of range, unsorted or of mismatched lengths.</exception>
    public PiecewiseConstantSchedule(IEnumerable<double> boundaries, IEnumerable<double> values, bool inclusiveBoundaries = false)
    {
        _boundaries = Guard.NotNull(boundaries, nameof(boundaries), "give the progress points where the value changes").ToArray();
        _values = Guard.NotNull(values, nameof(values), "give the value of each segment").ToArray();
        for (var i = 0; i < _boundaries.Length; i++)
        {
            Guard.NonNegative(_boundaries[i], nameof(boundaries), "give every boundary as a progress point >= 0 in the schedule's unit");
            if (i > 0 && _boundaries[i] <= _boundaries[i - 1])
            {
                throw Guard.Fail(nameof(boundaries), "strictly increasing", $"{Guard.Show(_boundaries[i - 1])} followed by {Guard.Show(_boundaries[i])}", "sort the boundaries and remove duplicates");
            }
        }

        if (_values.Length != _boundaries.Length + 1)
        {
            throw Guard.Fail(nameof(values), $"one longer than boundaries ({_boundaries.Length + 1} values)", $"{_values.Length} values", "give one value before the first boundary and one after each boundary");
        }

        foreach (var value in _values)
        {
            Guard.NonNegative(value, nameof(values), "give every value as a finite rate >= 0");
        }

        InclusiveBoundaries = inclusiveBoundaries;
        Boundaries = Array.AsReadOnly(_boundaries);
        Values = Array.AsReadOnly(_values);
    }

    /// <summary>The progress points where the value changes, ascending.</summary>
    public IReadOnlyList<double> Boundaries { get; }

    /// <summary>The value of each segment (one more than <see cref="Boundaries"/>).</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Whether a boundary still belongs to the segment before it.</summary>
    public bool InclusiveBoundaries { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t) =>
        _values[InclusiveBoundaries ? SortedSearch.CountBelow(_boundaries, t) : SortedSearch.CountAtOrBelow(_boundaries, t)];

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("piecewise_constant")
            .Argument("boundaries", _boundaries)
            .Argument("values", _values)
            .Argument("inclusive_boundaries", InclusiveBoundaries)
            .EndCall();
}
