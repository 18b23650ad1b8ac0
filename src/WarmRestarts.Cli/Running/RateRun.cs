using WarmRestarts.Scheduling;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Running;

/// <summary>
/// A spec bound to an optimizer's parameter groups: each group's rate schedule (and momentum), and the rates at
/// each step as an upstream scheduler gives them (t = 0 right after construction, t = k after k steps), with
/// metrics fed to a plateau reduction.
/// </summary>
internal sealed class RateRun
{
    private readonly double[] _baseRates;

    public RateRun(ScheduleDefinition definition, double[] baseRates)
    {
        Definition = definition;
        _baseRates = baseRates;
        Rates = definition.RatesFor(baseRates);
        Momenta = definition.HasMomentum
            ? [.. baseRates.Select((rate, group) => definition.MomentumFor(group, rate)!)]
            : null;
    }

    public ScheduleDefinition Definition { get; }

    public IReadOnlyList<double> BaseRates => _baseRates;

    public int GroupCount => _baseRates.Length;

    /// <summary>Each group's rate schedule (before any plateau reduction).</summary>
    public IReadOnlyList<Schedule> Rates { get; }

    /// <summary>Each group's momentum schedule, or null when the spec does not cycle momentum.</summary>
    public IReadOnlyList<Schedule>? Momenta { get; }

    /// <summary>Checks metrics against the spec and the number of points: they feed plateau specs only, one per step after the first.</summary>
    public string? CheckMetrics(IReadOnlyList<double>? metrics, long points)
    {
        if (metrics is null || metrics.Count == 0)
        {
            return null;
        }

        if (Definition.Plateau is null)
        {
            return $"metrics feed reduce-on-plateau specs (torch.ReduceLROnPlateau, timm.PlateauLRScheduler), but {Definition.Spec} has none; drop the metrics";
        }

        return metrics.Count > points
            ? $"got {metrics.Count} metrics for {points} points; metric k is reported before point k+1, so give at most one per point"
            : null;
    }

    /// <summary>
    /// Calls <paramref name="row"/> with the rates (and momenta, or null) at t = 0..steps-1, through a
    /// <see cref="GroupScheduler"/> with a step clock; before row k+1 it reports metric k (when given).
    /// The arrays passed are reused between calls.
    /// </summary>
    public void ForEachStep(long steps, IReadOnlyList<double>? metrics, Action<long, IReadOnlyList<double>, double[]?> row)
    {
        var scheduler = new GroupScheduler(new ParameterGroups(_baseRates), Rates, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = Definition.Plateau });
        var momenta = Momenta is null ? null : new double[GroupCount];
        for (long k = 0; k < steps; k++)
        {
            if (k > 0)
            {
                scheduler.Advance();
                if (metrics is not null && k - 1 < metrics.Count)
                {
                    scheduler.ReportMetric(metrics[(int)(k - 1)]);
                }
            }

            FillMomenta(k, momenta);
            row(k, scheduler.Rates, momenta);
        }
    }

    /// <summary>
    /// Like <see cref="ForEachStep"/> at chosen (possibly fractional) progress points: the rates at each point,
    /// with metric k reported before point k+1 exactly as <see cref="GroupScheduler.ReportMetric"/> does.
    /// </summary>
    public void ForEachPoint(IReadOnlyList<double> points, IReadOnlyList<double>? metrics, Action<long, IReadOnlyList<double>, double[]?> row)
    {
        var plateau = Definition.Plateau is { } options ? new PlateauReduction(options, GroupCount) : null;
        var rates = new double[GroupCount];
        var momenta = Momenta is null ? null : new double[GroupCount];
        for (var k = 0; k < points.Count; k++)
        {
            var t = points[k];
            Fill(t, rates, plateau);
            if (plateau is not null && metrics is not null && k > 0 && k - 1 < metrics.Count && plateau.Report(metrics[k - 1]) && plateau.Reduce(rates))
            {
                Fill(t, rates, plateau);
            }

            FillMomenta(t, momenta);
            row(k, rates, momenta);
        }
    }

    private void Fill(double t, double[] rates, PlateauReduction? plateau)
    {
        for (var g = 0; g < rates.Length; g++)
        {
            var rate = Rates[g].Evaluate(t);
            rates[g] = plateau is null ? rate : plateau.Apply(g, rate);
        }
    }

    private void FillMomenta(double t, double[]? momenta)
    {
        if (momenta is null)
        {
            return;
        }

        for (var g = 0; g < momenta.Length; g++)
        {
            momenta[g] = Momenta![g].Evaluate(t);
        }
    }
}
