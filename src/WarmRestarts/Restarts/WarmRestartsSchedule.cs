using System.Runtime.CompilerServices;
using WarmRestarts.Internal;

namespace WarmRestarts.Restarts;

/// <summary>
/// The warm-restarts engine: SGDR (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm
/// Restarts", arXiv 1608.03983) with cycle growth, peak and floor decay, a cycle limit, warm-up and a pluggable
/// within-cycle shape. Every restart-style schedule of the library is this one type.
/// </summary>
/// <remarks>
/// <para>
/// Cycle <c>i</c> (from 0) has length <c>T_i = T_0 · T_mult^i</c> and starts at
/// <c>S_i = T_0 (T_mult^i − 1) / (T_mult − 1)</c> (<c>S_i = i · T_0</c> when <c>T_mult = 1</c>). With
/// <c>T_cur = t − S_i</c>, the cosine shape gives SGDR's eq. (5):
/// <c>η_t = η_min^i + (η_max^i − η_min^i)(1 + cos(π T_cur / T_i)) / 2</c>, where
/// <c>η_max^i = η_max · PeakDecay^i</c> and <c>η_min^i = η_min · FloorDecay^i</c>.
/// </para>
/// <para>
/// <b>Exact restarts.</b> The cycle index is estimated with a logarithm and then corrected against the boundary
/// values <c>S_i</c> themselves, so that <c>S_i &lt;= t &lt; S_(i+1)</c> always holds. At every restart the
/// schedule returns the (decayed) peak exactly (the tanh shape's own restart value, just below it), including where PyTorch, timm and Keras round
/// <c>log(243)/log(3)</c> down to 4.999999999999999 and return the floor (<c>T_0 = 1, T_mult = 3, t = 121</c>).
/// The work per evaluation is bounded and independent of <c>t</c>.
/// </para>
/// </remarks>
public sealed class WarmRestartsSchedule : Schedule
{
    private readonly double _peak;
    private readonly double _floor;
    private readonly double _firstCycle;
    private readonly double _growth;
    private readonly double _logGrowth;
    private readonly double _peakDecay;
    private readonly double _floorDecay;
    private readonly long _cycleLimit; // long.MaxValue: none
    private readonly double _warmup;
    private readonly double _prefix; // warm-up length when it runs once, else 0
    private readonly double? _warmupStart;
    private readonly bool _cacheable; // cycle starts strictly increase by far more than a rounding error
    private readonly bool _warmupEveryCycle; // a warm-up opens every cycle
    private readonly bool _cosine; // Shape is the cosine shape: called directly, without a virtual call
    private readonly bool _startsAtPeak; // Shape.StartsAtPeak, read once

    /// <summary>Creates SGDR with cosine cycles from <paramref name="peak"/> to <paramref name="floor"/>.</summary>
    /// <param name="peak">The rate at each restart, <c>η_max</c>.</param>
    /// <param name="floor">The rate at the end of each cycle, <c>η_min</c>.</param>
    /// <param name="firstCycle">The first cycle's length, <c>T_0</c>.</param>
    /// <param name="cycleGrowth">The cycle length factor, <c>T_mult</c> (&gt;= 1).</param>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public WarmRestartsSchedule(double peak, double floor, double firstCycle, double cycleGrowth = 1.0)
        : this(new WarmRestartsOptions { Peak = peak, Floor = floor, FirstCycle = firstCycle, CycleGrowth = cycleGrowth })
    {
    }

    /// <summary>Creates the schedule from its options.</summary>
    /// <param name="options">The parameters.</param>
    /// <exception cref="ScheduleArgumentException">An option is out of range.</exception>
    public WarmRestartsSchedule(WarmRestartsOptions options)
    {
        Guard.NotNull(options, nameof(options), "give the warm-restarts options");
        _peak = Guard.NonNegative(options.Peak, "peak", "give the rate at each restart (eta_max), e.g. 0.1");
        _floor = Guard.NonNegative(options.Floor, "floor", "give the rate at the end of each cycle (eta_min), e.g. 0 or 1e-5");
        Guard.NotAbove(_floor, "floor", _peak, "peak", "lower the floor or raise the peak");
        _firstCycle = Guard.Positive(options.FirstCycle, "firstCycle", "give the length of the first cycle (T_0) in the schedule's unit, e.g. 10");
        if (_firstCycle > MaxProgress)
        {
            throw Guard.Fail("firstCycle", $"<= 2^53 ({Guard.Show(MaxProgress)})", Guard.Show(_firstCycle), "give a first cycle that fits in the run");
        }

        _growth = Guard.AtLeast(options.CycleGrowth, 1.0, "cycleGrowth", "give the factor by which each cycle is longer than the last (T_mult), 1 for equal cycles");
        _logGrowth = Math.Log(_growth);
        _cacheable = _growth == 1.0 || _growth >= 1.0 + 1e-9;
        _peakDecay = Guard.UnitFactor(options.PeakDecay, "peakDecay", "give the factor applied to the peak at each restart, 1 for none");
        _floorDecay = Guard.UnitFactor(options.FloorDecay, "floorDecay", "give the factor applied to the floor at each restart, 1 for none");
        if (!Enum.IsDefined(options.DecayMode))
        {
            throw Guard.Fail("decayMode", "Peak or Amplitude", options.DecayMode.ToString(), "choose what the peak decay multiplies");
        }

        DecayMode = options.DecayMode;
        if (options.CycleLimit is { } limit)
        {
            Guard.PositiveInt(limit, "cycleLimit", "give how many cycles run before the floor holds, or no limit");
        }

        CycleLimit = options.CycleLimit;
        _cycleLimit = options.CycleLimit ?? long.MaxValue;
        _warmup = Guard.NonNegative(options.Warmup, "warmup", "give the warm-up length in the schedule's unit, 0 for none");
        if (!Enum.IsDefined(options.WarmupMode))
        {
            throw Guard.Fail("warmupMode", "Once or EveryCycle", options.WarmupMode.ToString(), "choose when the warm-up runs");
        }

        WarmupMode = options.WarmupMode;
        if (WarmupMode == WarmupMode.EveryCycle && _warmup >= _firstCycle)
        {
            throw Guard.Fail("warmup", $"shorter than firstCycle ({Guard.Show(_firstCycle)}) when it runs at every restart", Guard.Show(_warmup), "shorten the warm-up or lengthen the first cycle");
        }

        _prefix = WarmupMode == WarmupMode.Once ? _warmup : 0.0;
        _warmupEveryCycle = WarmupMode == WarmupMode.EveryCycle && _warmup > 0;
        if (options.WarmupStart is { } start)
        {
            Guard.NonNegative(start, "warmupStart", "give the rate the warm-up starts from, e.g. 0");
            Guard.NotAbove(start, "warmupStart", _peak, "peak", "start the warm-up below the peak");
        }

        _warmupStart = options.WarmupStart;
        Shape = Guard.NotNull(options.Shape, "shape", "give a cycle shape such as CycleShape.Cosine");
        Shape.Validate(_peak, _floor);
        _cosine = Shape is CosineShape;
        _startsAtPeak = Shape.StartsAtPeak;
    }

    /// <summary>The rate at the first restart, <c>η_max</c>.</summary>
    public double Peak => _peak;

    /// <summary>The rate at the end of the first cycle, <c>η_min</c>.</summary>
    public double Floor => _floor;

    /// <summary>The first cycle's length, <c>T_0</c>.</summary>
    public double FirstCycle => _firstCycle;

    /// <summary>The cycle length factor, <c>T_mult</c>.</summary>
    public double CycleGrowth => _growth;

    /// <summary>The factor applied to the peak (or amplitude) at each restart.</summary>
    public double PeakDecay => _peakDecay;

    /// <summary>What <see cref="PeakDecay"/> multiplies.</summary>
    public PeakDecayMode DecayMode { get; }

    /// <summary>The factor applied to the floor at each restart.</summary>
    public double FloorDecay => _floorDecay;

    /// <summary>How many cycles run, or <see langword="null"/> for no limit.</summary>
    public int? CycleLimit { get; }

    /// <summary>The warm-up length.</summary>
    public double Warmup => _warmup;

    /// <summary>When the warm-up happens.</summary>
    public WarmupMode WarmupMode { get; }

    /// <summary>The rate the warm-up starts from; <see langword="null"/> means the floor of the cycle it warms up.</summary>
    public double? WarmupStart => _warmupStart;

    /// <summary>The curve within each cycle.</summary>
    public CycleShape Shape { get; }

    /// <summary>
    /// Where the last cycle ends, after which the floor holds; <see langword="null"/> when there is no cycle limit.
    /// </summary>
    public double? End => CycleLimit is { } limit ? _prefix + CycleStart(limit) : null;

    /// <summary>The cycle in force at progress <paramref name="t"/>.</summary>
    /// <param name="t">Progress.</param>
    /// <returns>The cycle (its start includes a one-time warm-up).</returns>
    public CycleInfo CycleAt(double t)
    {
        TryGetCycleCore(ClampProgress(t), out var cycle);
        return cycle;
    }

    /// <summary>The first restart strictly after <paramref name="t"/>, or <see langword="null"/> when no restart follows.</summary>
    /// <param name="t">Progress.</param>
    /// <returns>The progress of the next restart.</returns>
    public double? NextRestartAfter(double t)
    {
        var cycle = CycleAt(t);
        return cycle.IsLast || cycle.IsPastLimit || cycle.End > MaxProgress ? null : cycle.End;
    }

    /// <summary>Every restart (start of cycle 1, 2, …) at or before <paramref name="horizon"/>.</summary>
    /// <param name="horizon">The last progress of interest, e.g. the run's length.</param>
    /// <returns>The restart points in increasing order.</returns>
    public IReadOnlyList<double> RestartsUntil(double horizon)
    {
        var restarts = new List<double>();
        var end = ClampProgress(horizon) - _prefix;
        for (long i = 1; i < _cycleLimit; i++)
        {
            var start = CycleStart(i);
            if (start > end)
            {
                break;
            }

            restarts.Add(_prefix + start);
        }

        return restarts;
    }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        if (t < _prefix)
        {
            var from = _warmupStart ?? _floor;
            return from + ((_peak - from) * (t / _prefix));
        }

        var u = t - _prefix;
        var index = LocateCycle(u, out var start, out var power, out _);
        if (index >= _cycleLimit)
        {
            return FloorOf(_cycleLimit - 1);
        }

        var floor = FloorOf(index);
        return ValueInCycle(u - start, floor, PeakOf(index, floor), LengthOf(power));
    }

    /// <inheritdoc />
    internal override double EvaluateCached(double t, ref CycleCache cache)
    {
        t = ClampProgress(t);
        var u = t - _prefix;
        if (t >= _prefix && cache.Holds(this, u))
        {
            return ValueInCycle(u - cache.Start, cache.Floor, cache.Peak, cache.Length);
        }

        return EvaluateUncached(t, u, ref cache);
    }

    /// <summary>
    /// <see cref="EvaluateCached"/> for a caller that knows <paramref name="cache"/> holds <paramref name="t"/>
    /// (<see cref="CycleCache.HoldsProgress"/>, with <paramref name="t"/> in [0, <see cref="Schedule.MaxProgress"/>]): the same
    /// value, without the checks.
    /// </summary>
    /// <param name="t">The progress, held by the cache.</param>
    /// <param name="cache">This schedule's cache.</param>
    /// <returns>The schedule's value at <paramref name="t"/>.</returns>
    internal double EvaluateHeld(double t, in CycleCache cache) => ValueInCycle(t - _prefix - cache.Start, cache.Floor, cache.Peak, cache.Length);

    /// <summary><see cref="EvaluateCached"/> when the cache misses: locates the cycle and keeps it when it can.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double EvaluateUncached(double t, double u, ref CycleCache cache)
    {
        if (t < _prefix)
        {
            return EvaluateCore(t);
        }

        var index = LocateCycle(u, out var start, out var power, out var next);
        if (index >= _cycleLimit)
        {
            return FloorOf(_cycleLimit - 1);
        }

        var floor = FloorOf(index);
        var peak = PeakOf(index, floor);
        var length = LengthOf(power);
        if (_cacheable)
        {
            // Only a cycle that provably brackets u is kept: then it is the one LocateCycle finds for any u in it.
            if ((index == 0 || start <= u) && u < next)
            {
                cache = new CycleCache { Owner = this, Prefix = _prefix, Index = index, Start = start, NextStart = next, Floor = floor, Peak = peak, Length = length };
            }
        }

        return ValueInCycle(u - start, floor, peak, length);
    }

    /// <inheritdoc />
    internal override long CycleIndexCached(double t, ref CycleCache cache, out bool pastLimit)
    {
        t = ClampProgress(t);
        if (t >= _prefix && cache.Holds(this, t - _prefix))
        {
            pastLimit = false;
            return cache.Index;
        }

        TryGetCycleCore(t, out var cycle);
        pastLimit = cycle.IsPastLimit;
        return cycle.Index;
    }

    /// <inheritdoc />
    protected internal override bool TryGetCycleCore(double t, out CycleInfo cycle)
    {
        if (t < _prefix)
        {
            // The one-time warm-up belongs to the first cycle's ramp; report cycle 0 as starting at its end.
            cycle = new CycleInfo(0, _prefix, CycleLength(0), 0.0, _cycleLimit == 1, false);
            return true;
        }

        var u = t - _prefix;
        var index = LocateCycle(u, out var start, out var power, out _);
        if (index >= _cycleLimit)
        {
            var end = _prefix + CycleStart(_cycleLimit);
            cycle = new CycleInfo(_cycleLimit, end, double.PositiveInfinity, t - end, true, true);
            return true;
        }

        cycle = new CycleInfo(index, _prefix + start, LengthOf(power), u - start, index == _cycleLimit - 1, false);
        return true;
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("warm_restarts")
            .Argument("peak", _peak)
            .Argument("floor", _floor)
            .Argument("first_cycle", _firstCycle)
            .Argument("cycle_growth", _growth);
        if (_peakDecay != 1.0)
        {
            writer.Argument("peak_decay", _peakDecay);
        }

        if (DecayMode != PeakDecayMode.Peak)
        {
            writer.Argument("decay_mode", "amplitude");
        }

        if (_floorDecay != 1.0)
        {
            writer.Argument("floor_decay", _floorDecay);
        }

        if (CycleLimit is { } limit)
        {
            writer.Argument("cycle_limit", limit);
        }

        if (_warmup > 0)
        {
            writer.Argument("warmup", _warmup);
            if (WarmupMode == WarmupMode.EveryCycle)
            {
                writer.Argument("warmup_mode", "every_cycle");
            }
        }

        if (_warmupStart is { } warmupStart)
        {
            writer.Argument("warmup_start", warmupStart);
        }

        if (!ReferenceEquals(Shape, CycleShape.Cosine))
        {
            writer.Argument("shape", Shape.WriteSpec);
        }

        writer.EndCall();
    }

    /// <summary>The rate at <paramref name="position"/> into a cycle with these floor, peak and length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ValueInCycle(double position, double floor, double peak, double length)
    {
        if (_warmupEveryCycle)
        {
            if (position < _warmup)
            {
                var from = Math.Min(_warmupStart ?? floor, peak);
                return from + ((peak - from) * (position / _warmup));
            }

            position -= _warmup;
            length -= _warmup;
        }

        // At the restart itself the peak is returned as is: floor + (peak - floor) can differ from peak in the last bit
        // (except for a shape that does not start at the peak, such as tanh).
        var x = position / length;
        if (x <= 0 && _startsAtPeak)
        {
            return peak;
        }

        x = Math.Clamp(x, 0.0, 1.0);
        var value = _cosine ? CosineShape.CosineValue(peak, floor, x) : Shape.Value(peak, floor, x);
        return Math.Clamp(value, floor, peak);
    }

    /// <summary><c>S_i</c>: where cycle <paramref name="index"/> starts, counted from the end of a one-time warm-up.</summary>
    private double CycleStart(long index) =>
        _growth == 1.0 ? index * _firstCycle : _firstCycle * (Math.Pow(_growth, index) - 1.0) / (_growth - 1.0);

    /// <summary><c>T_i = T_0 · T_mult^i</c>.</summary>
    private double CycleLength(long index) =>
        _growth == 1.0 ? _firstCycle : _firstCycle * Math.Pow(_growth, index);

    /// <summary><c>T_mult^i</c> (1 when <c>T_mult = 1</c>).</summary>
    private double PowerOf(long index) => _growth == 1.0 ? 1.0 : Math.Pow(_growth, index);

    /// <summary><see cref="CycleStart"/> from <paramref name="power"/> = <see cref="PowerOf"/>(<paramref name="index"/>).</summary>
    private double StartOf(long index, double power) =>
        _growth == 1.0 ? index * _firstCycle : _firstCycle * (power - 1.0) / (_growth - 1.0);

    /// <summary><see cref="CycleLength"/> from <paramref name="power"/> = <see cref="PowerOf"/>(index).</summary>
    private double LengthOf(double power) => _growth == 1.0 ? _firstCycle : _firstCycle * power;

    private double FloorOf(long index) => _floorDecay == 1.0 ? _floor : _floor * Math.Pow(_floorDecay, index);

    private double PeakOf(long index, double floor)
    {
        if (_peakDecay == 1.0 || index == 0)
        {
            return Math.Max(_peak, floor);
        }

        var decay = Math.Pow(_peakDecay, index);
        return DecayMode == PeakDecayMode.Peak
            ? Math.Max(_peak * decay, floor)
            : floor + ((_peak - floor) * decay);
    }

    /// <summary>
    /// The index <c>i</c> with <c>S_i &lt;= u &lt; S_(i+1)</c>: a logarithmic estimate corrected against the boundaries.
    /// </summary>
    private long LocateCycle(double u, out double start, out double power, out double nextStart)
    {
        var estimate = _growth == 1.0
            ? u / _firstCycle
            : Math.Log(1.0 + (u * (_growth - 1.0) / _firstCycle)) / _logGrowth;
        var index = estimate > 0 ? (long)Math.Min(Math.Floor(estimate), MaxProgress) : 0L;

        // The estimate is off by at most one or two where rounding bites (exact boundaries); a few corrections
        // suffice, and the bound keeps the work constant even for growth factors within rounding of 1.
        // Each T_mult^i is computed once and reused for S_i, S_(i+1) and T_i (the same values CycleStart gives).
        power = PowerOf(index);
        start = StartOf(index, power);
        nextStart = 0.0;
        var nextPower = 0.0;
        var haveNext = false;
        for (var k = 0; k < 4 && index > 0 && start > u; k++)
        {
            (nextPower, nextStart, haveNext) = (power, start, true);
            index--;
            power = PowerOf(index);
            start = StartOf(index, power);
        }

        if (!haveNext)
        {
            nextPower = PowerOf(index + 1);
            nextStart = StartOf(index + 1, nextPower);
        }

        for (var k = 0; k < 4 && nextStart <= u; k++)
        {
            index++;
            (power, start) = (nextPower, nextStart);
            nextPower = PowerOf(index + 1);
            nextStart = StartOf(index + 1, nextPower);
        }

        return index;
    }
}
