using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// The phases shared by <see cref="OneCycleSchedule"/> and <see cref="OneCycleMomentumSchedule"/>: PyTorch
/// <c>OneCycleLR</c>'s <c>_schedule_phases</c> and its <c>get_lr</c> phase loop, holding the final value from
/// the last phase's end on.
/// </summary>
internal sealed class OneCyclePhases
{
    private readonly double[] _ends;

    public OneCyclePhases(double total, double pctStart, OneCycleAnneal anneal, bool threePhase, bool extrapolate)
    {
        Extrapolate = extrapolate;
        Total = Guard.AtLeast(total, 2.0, nameof(total), "give the length of the whole run (total_steps), at least 2");
        if (!double.IsFinite(pctStart) || pctStart <= 0 || pctStart >= 1)
        {
            throw Guard.Fail(nameof(pctStart), "a number in (0, 1)", Guard.Show(pctStart), "give the fraction of the run spent rising, e.g. 0.3");
        }

        PctStart = pctStart;
        if (!Enum.IsDefined(anneal))
        {
            throw Guard.Fail(nameof(anneal), "Cosine or Linear", anneal.ToString(), "choose the curve within each phase");
        }

        Anneal = anneal;
        ThreePhase = threePhase;
        _ends = threePhase
            ? [(pctStart * total) - 1.0, (2.0 * pctStart * total) - 2.0, total - 1.0]
            : [(pctStart * total) - 1.0, total - 1.0];
        var previous = 0.0;
        foreach (var end in _ends)
        {
            if (!(end > previous))
            {
                throw Guard.Fail(nameof(pctStart), $"such that the phase ends ({string.Join(", ", _ends.Select(Guard.Show))}) are > 0 and strictly increasing", Guard.Show(pctStart), "raise total or move pctStart so that every phase is longer than 0 (PyTorch requires pct_start * total_steps > 1)");
            }

            previous = end;
        }
    }

    public double Total { get; }

    public double PctStart { get; }

    public OneCycleAnneal Anneal { get; }

    public bool ThreePhase { get; }

    public int Count => _ends.Length;

    /// <summary>Whether the last phase's formula continues past its end (PyTorch's value at <c>total_steps</c>) instead of holding.</summary>
    public bool Extrapolate { get; }

    /// <summary>The value at <paramref name="t"/> for phases from <paramref name="from"/>[i] to <paramref name="to"/>[i].</summary>
    public double Evaluate(double t, double[] from, double[] to)
    {
        var last = _ends.Length - 1;
        if (t >= _ends[last] && !Extrapolate)
        {
            return to[last];
        }

        var start = 0.0;
        for (var i = 0; i < _ends.Length; i++)
        {
            var end = _ends[i];
            if (t <= end || i == last)
            {
                var pct = (t - start) / (end - start);
                return Anneal == OneCycleAnneal.Cosine
                    ? to[i] + ((from[i] - to[i]) / 2.0 * (Math.Cos(Math.PI * pct) + 1.0))
                    : ((to[i] - from[i]) * pct) + from[i];
            }

            start = end;
        }

        return to[last];
    }

    public void WriteArguments(SpecWriter writer) =>
        writer.Argument("total", Total)
            .Argument("pct_start", PctStart)
            .Argument("anneal", Anneal == OneCycleAnneal.Cosine ? "cos" : "linear")
            .Argument("three_phase", ThreePhase);

    public void WriteExtrapolate(SpecWriter writer)
    {
        if (Extrapolate)
        {
            writer.Argument("extrapolate", true);
        }
    }
}
