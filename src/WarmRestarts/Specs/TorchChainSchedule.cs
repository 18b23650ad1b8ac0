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
/// With <c>eta_min &gt; 0</c> the recursion has no closed form while other links change the rate; when they all stop
/// (LinearLR, ConstantLR, PolynomialLR, MultiStepLR after their last change) it is computed step by step up to there,
/// then in closed form (a warm-up before a cosine: O(total_iters)). Otherwise (next to ExponentialLR or StepLR,
/// several cosines, a fractional <c>T_max</c>) it is computed step by step, O(t), and the spec limits runs to
/// <see cref="RecursionLimit"/> steps.
/// </para>
/// </remarks>
internal sealed class TorchChainSchedule : Schedule
{
    /// <summary>
    /// The most steps evaluated step by step: runs of chains that need the recursion all along (a CosineAnnealingLR with
    /// eta_min &gt; 0 next to an ExponentialLR or StepLR, several CosineAnnealingLR) are limited to this, since a run
    /// evaluates every step (O(t²) in all).
    /// </summary>
    public const long RecursionLimit = 10_000;

    private readonly double _base;
    private readonly TorchChainKind[] _kinds;
    private readonly Schedule[] _links;
    private readonly int _lastOverwrite;
    private readonly int _closedCosine;
    private readonly int _settlingCosine;
    private readonly double _settled;

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

        // One cosine whose neighbours stop changing the rate after some step: step by step up to there, then closed.
        _settlingCosine = -1;
        _settled = _links.Select((link, i) => i == (cosines.Length == 1 ? cosines[0] : -1) ? 0 : LastChange(link)).DefaultIfEmpty(0).Max();
        if (_lastOverwrite < 0 && _closedCosine < 0 && cosines.Length == 1 && double.IsFinite(_settled) && _links[cosines[0]] is CosineAnnealingSchedule { } settling && settling.Length == Math.Floor(settling.Length))
        {
            _settlingCosine = cosines[0];
        }

        NeedsRecursion = _lastOverwrite < 0 && _closedCosine < 0 && cosines.Length > 0 && _settlingCosine < 0;
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
        var last = Math.Min(n, _settlingCosine >= 0 ? _settled + 1 : RecursionLimit);
        for (var step = 1.0; step <= last; step++)
        {
            rate = Apply(0, step, rate);
        }

        return FiniteValue.Saturate(last < n && _settlingCosine >= 0 ? Settled(last, rate, n) : rate);
    }

    /// <summary>
    /// The step after which a multiplicative link no longer changes the rate (its last milestone or total_iters), or
    /// infinity (ExponentialLR, StepLR).
    /// </summary>
    private static double LastChange(Schedule link) => link switch
    {
        ConstantSchedule => 0,
        LinearSchedule linear => linear.Length,
        PolynomialSchedule polynomial => polynomial.Length,
        PiecewiseConstantSchedule piecewise => piecewise.Boundaries.DefaultIfEmpty(0).Max(),
        MultiStepSchedule multiStep => multiStep.Milestones.DefaultIfEmpty(0).Max(),
        StepSchedule { Gamma: 1 } or ExponentialSchedule { DecayRate: 1 } => 0,
        _ => double.PositiveInfinity,
    };

    /// <summary>
    /// The chain at <paramref name="n"/> when from step <paramref name="from"/> on only the cosine changes the rate: its
    /// recursion from the rate there, <c>eta_min + (rate − eta_min) · C(n) / C(from)</c>, down to the next bottom, which
    /// is exactly eta_min; from the additive step after it on, the plain CosineAnnealingLR curve.
    /// </summary>
    private double Settled(double from, double rate, double n)
    {
        var cosine = (CosineAnnealingSchedule)_links[_settlingCosine];
        var length = cosine.Length;
        var bottom = length * ((2 * Math.Max(0, Math.Ceiling((from - length) / (2 * length)))) + 1); // the first odd multiple of T_max >= from
        if (n > bottom)
        {
            return cosine.EvaluateCore(n);
        }

        var floor = cosine.Floor;
        var shape = cosine.EvaluateCore(from) - floor;
        return shape == 0 ? floor : floor + ((rate - floor) * (cosine.EvaluateCore(n) - floor) / shape);
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
