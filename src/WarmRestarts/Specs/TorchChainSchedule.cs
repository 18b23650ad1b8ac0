using WarmRestarts.Combinators;
using WarmRestarts.Family;

namespace WarmRestarts.Specs;

/// <summary>
/// PyTorch's <c>ChainedScheduler</c> over schedulers that are not all multiplicative: each <c>step()</c> applies the
/// links in order to the current rate (a multiplicative link by its factor's ratio, <c>CosineAnnealingLR</c> by its
/// recursion, <c>CosineAnnealingWarmRestarts</c> by overwriting the rate), and construction applies each link's
/// step 0 in order. <c>t</c> counts <c>step()</c> calls; a fractional <c>t</c> is read as <c>⌊t⌋</c>.
/// </summary>
/// <remarks>
/// <para>
/// Closed forms where they exist, O(1): after the last overwriting link only the links behind it matter, on its fresh
/// value; with one <c>CosineAnnealingLR(eta_min=0)</c> of whole <c>T_max</c> the rate is the product of the factors up
/// to the first bottom (<c>T_max</c>), where it is exactly 0, and after each bottom it restarts from PyTorch's additive
/// step <c>base · (1 − cos(π / T_max)) / 2</c> (the other links' factors since that step still apply, the ones of
/// the links before the cosine only from the step after).
/// </para>
/// <para>
/// Otherwise (<c>eta_min &gt; 0</c>, several cosines, a fractional <c>T_max</c>) the recursion has no closed form: the
/// rate is computed step by step, O(t), and the spec limits runs to <see cref="RecursionLimit"/> steps.
/// </para>
/// </remarks>
internal sealed class TorchChainSchedule : Schedule
{
    /// <summary>The most steps evaluated step by step (runs of chains that need the recursion are limited to this).</summary>
    public const long RecursionLimit = 100_000;

    private readonly double _base;
    private readonly TorchChainKind[] _kinds;
    private readonly Schedule[] _links;
    private readonly int _lastOverwrite;
    private readonly int _closedCosine;

    /// <summary>Creates the chain for one parameter group.</summary>
    /// <param name="baseRate">The group's base rate, &gt; 0.</param>
    /// <param name="kinds">How each link acts (no <see cref="TorchChainKind.Nested"/>: nested chains are flattened).</param>
    /// <param name="links">Each link's own schedule for this group (for a cosine link, a periodic <see cref="CosineAnnealingSchedule"/>).</param>
    public TorchChainSchedule(double baseRate, IReadOnlyList<TorchChainKind> kinds, IReadOnlyList<Schedule> links)
    {
        _base = baseRate;
        _kinds = [.. kinds];
        _links = [.. links];
        _lastOverwrite = Array.LastIndexOf(_kinds, TorchChainKind.Overwrite);
        _closedCosine = -1;
        var cosines = Enumerable.Range(0, _kinds.Length).Where(i => _kinds[i] == TorchChainKind.Cosine).ToArray();
        if (_lastOverwrite < 0 && cosines.Length == 1 && _links[cosines[0]] is CosineAnnealingSchedule { Floor: 0 } cosine && cosine.Length == Math.Floor(cosine.Length))
        {
            _closedCosine = cosines[0];
        }

        NeedsRecursion = _lastOverwrite < 0 && _closedCosine < 0 && cosines.Length > 0;
    }

    /// <summary>Whether the rate is computed step by step (no closed form), so runs are limited to <see cref="RecursionLimit"/>.</summary>
    public bool NeedsRecursion { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        var n = Math.Floor(t);
        if (_lastOverwrite >= 0)
        {
            return FiniteValue.Saturate(Apply(_lastOverwrite + 1, n, _links[_lastOverwrite].EvaluateCore(n)));
        }

        if (_closedCosine >= 0)
        {
            return FiniteValue.Saturate(ClosedCosine(n));
        }

        var rate = Apply(0, 0, _base);
        var last = Math.Min(n, RecursionLimit);
        for (var step = 1.0; step <= last; step++)
        {
            rate = Apply(0, step, rate);
        }

        return FiniteValue.Saturate(rate);
    }

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        if (_lastOverwrite >= 0)
        {
            return _links[_lastOverwrite].TryGetCycleCore(t, out cycle);
        }

        cycle = default;
        return false;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer) =>
        writer.BeginCall("torch_chain")
            .Argument("base", _base)
            .Argument("kinds", string.Join(",", _kinds).ToLowerInvariant())
            .Argument("schedules", _links)
            .EndCall();

    /// <summary>PyTorch's <c>a % b</c> for floats: the remainder takes the sign of the divisor.</summary>
    private static double PythonModulo(double a, double b)
    {
        var r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /// <summary>The product of the ratios by which a multiplicative link changes the rate over the steps after <paramref name="from"/> up to <paramref name="to"/> (1 where its factor stays, also once it has reached 0).</summary>
    private static double Ratio(Schedule link, double from, double to)
    {
        var before = link.EvaluateCore(from);
        var after = link.EvaluateCore(to);
        return after == before || before == 0 ? 1.0 : after / before;
    }

    /// <summary>Links <paramref name="first"/>… acting in order on <paramref name="rate"/> at <paramref name="step"/> (0: construction).</summary>
    private double Apply(int first, double step, double rate)
    {
        for (var j = first; j < _links.Length; j++)
        {
            var link = _links[j];
            rate = _kinds[j] switch
            {
                TorchChainKind.Multiplicative => step == 0 ? rate * link.EvaluateCore(0) / _base : rate * Ratio(link, step - 1, step),
                TorchChainKind.Cosine => step == 0 ? rate : CosineStep((CosineAnnealingSchedule)link, step, rate),
                _ => link.EvaluateCore(step),
            };
        }

        return rate;
    }

    /// <summary>One step of PyTorch's <c>CosineAnnealingLR.get_lr</c> on the current rate.</summary>
    private static double CosineStep(CosineAnnealingSchedule cosine, double step, double rate)
    {
        var length = cosine.Length;
        if (PythonModulo(step - 1 - length, 2 * length) == 0)
        {
            return rate + ((cosine.Peak - cosine.Floor) * (1 - Math.Cos(Math.PI / length)) / 2);
        }

        return ((1 + Math.Cos(Math.PI * step / length)) / (1 + Math.Cos(Math.PI * (step - 1) / length)) * (rate - cosine.Floor)) + cosine.Floor;
    }

    /// <summary>The chain with one <c>CosineAnnealingLR(eta_min=0)</c> of whole <c>T_max</c>, in closed form.</summary>
    private double ClosedCosine(double n)
    {
        var cosine = (CosineAnnealingSchedule)_links[_closedCosine];
        var length = cosine.Length;
        double rate;
        if (n <= length)
        {
            // Up to the first bottom the recursion telescopes: the product of every link's factor.
            rate = _base;
            foreach (var link in _links)
            {
                rate *= link.EvaluateCore(n) / _base;
            }

            return rate;
        }

        // The last additive step s = T + 1 + 2T·k <= n restarts from 0 (the bottom before it is exactly 0).
        var restart = length + 1 + (2 * length * Math.Floor((n - 1 - length) / (2 * length)));
        rate = cosine.EvaluateCore(n);
        for (var j = 0; j < _links.Length; j++)
        {
            if (j != _closedCosine)
            {
                // Links before the cosine multiplied a zero rate at the restart step; the ones after it act from then on.
                rate *= Ratio(_links[j], j < _closedCosine ? restart : restart - 1, n);
            }
        }

        return rate;
    }
}
