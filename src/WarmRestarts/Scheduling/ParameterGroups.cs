using System.Collections.ObjectModel;
using WarmRestarts.Internal;

namespace WarmRestarts.Scheduling;

/// <summary>
/// Parameter groups held in memory: base rates given at construction, current rates and momenta readable.
/// For tests, samples and code that reads the rates itself instead of writing them into an optimizer.
/// </summary>
/// <remarks>Current rates start at the base rates and momenta at 0. Not thread-safe.</remarks>
public sealed class ParameterGroups : IParameterGroups
{
    private readonly double[] _baseRates;
    private readonly double[] _rates;
    private readonly double[] _momenta;

    /// <summary>Creates one group per base rate.</summary>
    /// <param name="baseRates">Each group's initial rate: at least one, finite, &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException">No rate is given, or a rate is negative or not finite.</exception>
    public ParameterGroups(params ReadOnlySpan<double> baseRates)
    {
        if (baseRates.IsEmpty)
        {
            throw Guard.Fail("baseRates", "at least one rate", "empty", "give one initial rate per parameter group, e.g. new ParameterGroups(0.1)");
        }

        _baseRates = baseRates.ToArray();
        for (var i = 0; i < _baseRates.Length; i++)
        {
            Guard.NonNegative(_baseRates[i], $"baseRates[{i}]", "give each group's initial learning rate, e.g. 0.1");
        }

        _rates = (double[])_baseRates.Clone();
        _momenta = new double[_baseRates.Length];
        BaseRates = Array.AsReadOnly(_baseRates);
        Rates = Array.AsReadOnly(_rates);
        Momenta = Array.AsReadOnly(_momenta);
    }

    /// <inheritdoc />
    public int Count => _baseRates.Length;

    /// <summary>Always <see langword="true"/>: momenta are kept in <see cref="Momenta"/>.</summary>
    public bool SupportsMomentum => true;

    /// <summary>The groups' initial rates.</summary>
    public ReadOnlyCollection<double> BaseRates { get; }

    /// <summary>The groups' current rates (a live view).</summary>
    public ReadOnlyCollection<double> Rates { get; }

    /// <summary>The groups' current momenta (a live view); 0 until set.</summary>
    public ReadOnlyCollection<double> Momenta { get; }

    /// <inheritdoc />
    public double GetBaseRate(int group) => _baseRates[CheckGroup(group)];

    /// <inheritdoc />
    public void SetRate(int group, double rate) => _rates[CheckGroup(group)] = rate;

    /// <inheritdoc />
    public void SetAllRates(double rate) => Array.Fill(_rates, rate);

    /// <inheritdoc />
    public void SetMomentum(int group, double momentum) => _momenta[CheckGroup(group)] = momentum;

    private int CheckGroup(int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _baseRates.Length);
        return group;
    }
}
