using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Specs;

/// <summary>
/// timm's <c>timm.scheduler</c> classes by their own names, arguments and defaults, as schedules of timm's
/// <c>t</c>: the epoch passed to <c>step(t)</c> (or, with <c>t_in_epochs=False</c>, the update count passed to
/// <c>step_update(t)</c>); <c>t = 0</c> is the value right after construction.
/// </summary>
/// <remarks>
/// <para>
/// Every timm scheduler here is built from the core: the cycle schedulers (<c>CosineLRScheduler</c>,
/// <c>PolyLRScheduler</c>, <c>TanhLRScheduler</c>) are one <see cref="WarmRestartsSchedule"/> with
/// <c>t_initial</c> → first cycle, <c>cycle_mul</c> → growth, <c>cycle_decay</c> → peak decay (the floor
/// <c>lr_min</c> is not decayed), <c>cycle_limit</c> → cycle limit and a cosine / k-decay cosine / polynomial /
/// tanh cycle shape; <c>StepLRScheduler</c> and <c>MultiStepLRScheduler</c> are step and multi-step decays
/// (<c>MultiStepLRScheduler</c>'s <c>bisect_right(decay_t, t + 1)</c> puts milestone m at t = m − 1);
/// <c>PlateauLRScheduler</c> is a reduce-on-plateau whose warm-up reports are ignored.
/// </para>
/// <para>
/// The warm-up climbs linearly from <c>warmup_lr_init</c> to the undecayed base rate (<c>TanhLRScheduler</c>
/// without prefix: to its own value at <c>warmup_t</c>). With <c>warmup_prefix=True</c> the schedule starts after
/// it (a <see cref="SequenceSchedule"/> with a restarting clock); with <c>warmup_prefix=False</c> it overlays the
/// schedule, which keeps counting from 0, so the rate jumps at <c>warmup_t</c>. Without a warm-up, timm's
/// constructor writes the base rate, so <c>t = 0</c> gives it even where timm's formula at 0 does not (tanh, a
/// milestone at or below 1); from any <c>t &gt; 0</c> on the formula holds.
/// </para>
/// <para>
/// Differences, by design: where timm's <c>math.log</c> puts an exact restart into the previous cycle
/// (<c>t_initial=1, cycle_mul=3</c>, t = 121) the restart happens here. What timm refuses by <c>assert</c> or only
/// fails on later (<c>cycle_mul &lt; 1</c>: <c>math domain error</c>; <c>decay_t=0</c>: division by zero) is
/// refused at construction, and so are settings that would make a rate grow or anneal upwards (a decayed peak
/// below <c>lr_min</c>, <c>decay_rate &gt; 1</c>) and the random noise (<c>noise_range_t</c> must be None).
/// </para>
/// </remarks>
internal static class TimmSpecs
{
    private static readonly string[] Noise = ["noise_range_t", "noise_pct", "noise_std", "noise_seed"];

    public static IEnumerable<SpecFunction> Functions()
    {
        yield return Timm("CosineLRScheduler", ["t_initial", "lr_min", "cycle_mul", "cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", .. Noise, "k_decay", "initialize"], r =>
        {
            var k = Positive(r, "k_decay", 1.0, "2.0");
            return Cycles(r, k == 1.0 ? CycleShape.Cosine : CycleShape.KDecayCosine(k), warmupToOwnValue: false);
        });

        yield return Timm("PolyLRScheduler", ["t_initial", "power", "lr_min", "cycle_mul", "cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", .. Noise, "k_decay", "initialize"], r =>
        {
            var power = Positive(r, "power", 0.5, "0.9");
            var k = Positive(r, "k_decay", 1.0, "2.0");
            return Cycles(r, CycleShape.Polynomial(power, k), warmupToOwnValue: false);
        });

        yield return Timm("TanhLRScheduler", ["t_initial", "lb", "ub", "lr_min", "cycle_mul", "cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", .. Noise, "initialize"], r =>
        {
            var lower = Finite(r, "lb", -7.0);
            var upper = Finite(r, "ub", 3.0);
            if (!(lower < upper))
            {
                throw r.Error("lb", $"timm asserts lb < ub, but got lb={Show(lower)}, ub={Show(upper)}; give a lower bound below the upper one, e.g. lb=-7.0, ub=3.0");
            }

            return Cycles(r, CycleShape.HyperbolicTangent(lower, upper), warmupToOwnValue: true);
        });

        yield return Timm("StepLRScheduler", ["decay_t", "decay_rate", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", .. Noise, "initialize"], r =>
        {
            var decayT = r.RequiredNumber("decay_t", "30");
            if (!(decayT > 0) || !double.IsFinite(decayT))
            {
                throw r.Error("decay_t", $"expected a finite number > 0, but got {Show(decayT)} (timm divides by it at the first step); give the distance between decays, e.g. decay_t=30");
            }

            var rate = DecayRate(r, "decay_rate", 1.0);
            var warmup = Warmup.Read(r, prefixByDefault: true);
            return Build(r, warmup, (_, baseRate) => new StepSchedule(baseRate, decayT, rate));
        });

        yield return Timm("MultiStepLRScheduler", ["decay_t", "decay_rate", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", .. Noise, "initialize"], r =>
        {
            var decayT = (r.OptionalNumbers("decay_t", allowScalar: false) ?? throw r.Missing("decay_t", "[30, 60]")).Select(n => n.Value).ToArray();
            for (var i = 0; i < decayT.Length; i++)
            {
                if (!double.IsFinite(decayT[i]) || (i > 0 && decayT[i] < decayT[i - 1]))
                {
                    throw r.Error("decay_t", $"expected finite milestones in increasing order, but got [{string.Join(", ", decayT.Select(Show))}]; timm's bisect assumes they are sorted, so sort them");
                }
            }

            var rate = DecayRate(r, "decay_rate", 1.0);
            var warmup = Warmup.Read(r, prefixByDefault: true);

            // bisect_right(decay_t, t + 1): milestone m is in force from t = m - 1 on (at once when m <= 1).
            var shifted = decayT.Select(m => Math.Max(m - 1.0, 0.0)).ToArray();
            return Build(r, warmup, (_, baseRate) => shifted.Length == 0 ? new ConstantSchedule(baseRate) : new MultiStepSchedule(baseRate, shifted, rate));
        });

        yield return Timm("PlateauLRScheduler", ["decay_rate", "patience_t", "verbose", "threshold", "cooldown_t", "warmup_t", "warmup_lr_init", "lr_min", "mode", "noise_range_t", "noise_type", "noise_pct", "noise_std", "noise_seed", "initialize"], r =>
        {
            var factor = r.Number("decay_rate", 0.1);
            if (!(factor > 0 && factor < 1))
            {
                throw r.Error("decay_rate", $"expected a number in (0, 1) (PyTorch's ReduceLROnPlateau: Factor should be < 1.0), but got {Show(factor)}; give e.g. decay_rate=0.1");
            }

            r.Bool("verbose", true);
            var warmupT = r.Integer("warmup_t", 0);
            if (warmupT < 0 || warmupT > int.MaxValue)
            {
                throw r.Error("warmup_t", $"expected a whole number of epochs >= 0, but got {warmupT}; give e.g. warmup_t=5");
            }

            var warmupStart = NonNegative(r, "warmup_lr_init", 0.0);
            var minLr = TorchSpecs.PerGroup(r, "lr_min", required: false, 0.0);
            if (minLr.Values.FirstOrDefault(v => !(v >= 0) || !double.IsFinite(v), 0.0) is var badMin && badMin != 0.0)
            {
                throw r.Error("lr_min", $"expected finite rates >= 0, but got {Show(badMin)}; give the lowest rate a reduction may bring a group to, e.g. lr_min=0");
            }
            var options = new PlateauOptions
            {
                Mode = r.Choice("mode", "max", "min", "max") == "min" ? PlateauMode.Min : PlateauMode.Max,
                Factor = factor,
                Patience = checked((int)NonNegativeInteger(r, "patience_t", 10)),
                Threshold = r.Number("threshold", 1e-4),
                ThresholdMode = PlateauThresholdMode.Relative,
                Cooldown = checked((int)NonNegativeInteger(r, "cooldown_t", 0)),
                MinRates = minLr.Values,
                Eps = 1e-8,
                WarmupReports = (int)warmupT,
            };
            r.Choice("noise_type", "normal", "normal", "uniform");
            CheckNoise(r);
            r.Bool("initialize", true);

            // Validate the options now (PlateauReduction checks them), so errors point at the spec.
            _ = new PlateauReduction(options, Math.Max(1, minLr.Values.Count));
            return new Bound(
                r.Canonical(),
                SpecOrigin.Timm,
                TorchSpecs.Guarded(r, (_, baseRate) => warmupT == 0
                    ? new ConstantSchedule(baseRate)
                    : new SequenceSchedule([new LinearSchedule(warmupStart, baseRate, warmupT), new ConstantSchedule(baseRate)], [warmupT])),
                UsesBaseRates: true,
                Plateau: options,
                Unit: ProgressUnit.Epochs,
                GroupCount: minLr.IsList ? minLr.Values.Count : null);
        });
    }

    /// <summary>The cycle schedulers: one warm-restarts engine per group, plus timm's warm-up.</summary>
    private static Bound Cycles(CallReader r, CycleShape shape, bool warmupToOwnValue)
    {
        var firstCycle = r.RequiredNumber("t_initial", "100");
        if (!(firstCycle > 0) || !double.IsFinite(firstCycle))
        {
            throw r.Error("t_initial", $"timm asserts t_initial > 0, but got {Show(firstCycle)}; give the first cycle's length, e.g. t_initial=100");
        }

        var floor = r.Number("lr_min", 0.0);
        if (!(floor >= 0) || !double.IsFinite(floor))
        {
            throw r.Error("lr_min", $"timm asserts lr_min >= 0, but got {Show(floor)}; give 0 or more");
        }

        var growth = r.Number("cycle_mul", 1.0);
        if (!(growth >= 1) || !double.IsFinite(growth))
        {
            throw r.Error("cycle_mul", $"expected a finite number >= 1, but got {Show(growth)} (timm fails with 'math domain error' once the cycles shrink to nothing); give 1 for equal cycles or more for growing ones");
        }

        var decay = r.Number("cycle_decay", 1.0);
        if (!(decay > 0 && decay <= 1))
        {
            throw r.Error("cycle_decay", $"expected a number in (0, 1], but got {Show(decay)}; a peak that grows at each restart is not supported (timm accepts it); give e.g. cycle_decay=0.5, or 1 for none");
        }

        var limit = r.Integer("cycle_limit", 1);
        if (limit < 1 || limit > int.MaxValue)
        {
            throw r.Error("cycle_limit", $"expected a whole number of cycles from 1 to {int.MaxValue}, but got {limit} (with 0 timm holds lr_min from the start); give e.g. cycle_limit=1 for one cycle");
        }

        var warmup = Warmup.Read(r, prefixByDefault: false);
        return Build(r, warmup, (group, baseRate) =>
        {
            if (baseRate < floor)
            {
                throw r.Error("lr_min", $"{Show(floor)} is above the base rate {Show(baseRate)} of parameter group {group}, which would anneal upwards (timm accepts it silently); lower lr_min or raise the group's rate");
            }

            var lastPeak = baseRate * Math.Pow(decay, limit - 1);
            if (lastPeak < floor)
            {
                throw r.Error("cycle_decay", $"the peak of cycle {limit - 1} (base rate {Show(baseRate)} x cycle_decay^{limit - 1} = {Show(lastPeak)}) is below lr_min={Show(floor)} for parameter group {group}, where timm would anneal upwards; lower lr_min, raise cycle_decay or lower cycle_limit");
            }

            return new WarmRestartsSchedule(new WarmRestartsOptions
            {
                Peak = baseRate,
                Floor = floor,
                FirstCycle = firstCycle,
                CycleGrowth = growth,
                PeakDecay = decay,
                DecayMode = PeakDecayMode.Peak,
                CycleLimit = (int)limit,
                Shape = shape,
            });
        }, warmupToOwnValue);
    }

    /// <summary>
    /// timm's warm-up around a group's schedule: a linear ramp from <c>warmup_lr_init</c> over <c>warmup_t</c>, as a
    /// prefix or an overlay; without one, t = 0 is the base rate the constructor writes.
    /// </summary>
    private static Bound Build(CallReader r, Warmup warmup, Func<int, double, Schedule> schedule, bool warmupToOwnValue = false)
    {
        CheckNoise(r);
        r.Bool("initialize", true);
        var unit = r.Bool("t_in_epochs", true) ? ProgressUnit.Epochs : ProgressUnit.Steps;
        return new Bound(
            r.Canonical(),
            SpecOrigin.Timm,
            TorchSpecs.Guarded(r, (group, baseRate) =>
            {
                var inner = schedule(group, baseRate);
                if (warmup.Length > 0)
                {
                    var target = warmupToOwnValue && !warmup.Prefix ? inner.Evaluate(warmup.Length) : baseRate;
                    return new SequenceSchedule([new LinearSchedule(warmup.Start, target, warmup.Length), inner], [warmup.Length], restartClock: warmup.Prefix);
                }

                return inner.Evaluate(0.0) == baseRate
                    ? inner
                    : new SequenceSchedule([new ConstantSchedule(baseRate), inner], [double.Epsilon], restartClock: false);
            }),
            UsesBaseRates: true,
            Unit: unit);
    }

    private static void CheckNoise(CallReader r)
    {
        if (r.Has("noise_range_t"))
        {
            throw r.Error("noise_range_t", $"noise draws from PyTorch's random generator, which a spec cannot reproduce, but got {CallReader.Show(r.Raw("noise_range_t")!)}; remove noise_range_t (or give None)");
        }

        Finite(r, "noise_pct", 0.67);
        Finite(r, "noise_std", 1.0);
        r.OptionalInteger("noise_seed");
    }

    private static double DecayRate(CallReader r, string name, double fallback)
    {
        var rate = r.Number(name, fallback);
        if (!(rate > 0 && rate <= 1))
        {
            throw r.Error(name, $"expected a number in (0, 1], but got {Show(rate)}; a rate that grows at each decay is not supported (timm accepts it); give e.g. {name}=0.1");
        }

        return rate;
    }

    private static double Positive(CallReader r, string name, double fallback, string example)
    {
        var value = r.Number(name, fallback);
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number > 0, but got {Show(value)}; give e.g. {name}={example}");
        }

        return value;
    }

    private static double NonNegative(CallReader r, string name, double fallback)
    {
        var value = r.Number(name, fallback);
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number >= 0, but got {Show(value)}; give 0 or more");
        }

        return value;
    }

    private static double Finite(CallReader r, string name, double fallback)
    {
        var value = r.Number(name, fallback);
        if (!double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number, but got {Show(value)}");
        }

        return value;
    }

    private static long NonNegativeInteger(CallReader r, string name, long fallback)
    {
        var value = r.Integer(name, fallback);
        if (value < 0 || value > int.MaxValue)
        {
            throw r.Error(name, $"expected a whole number from 0 to {int.MaxValue}, but got {value}");
        }

        return value;
    }

    private static SpecFunction Timm(string name, string[] parameters, Func<CallReader, Bound> bind) => new("timm." + name, parameters, bind);

    private static string Show(double value) => SpecWriter.FormatNumber(value);

    /// <summary>timm's warm-up arguments: <c>warmup_t</c>, <c>warmup_lr_init</c>, <c>warmup_prefix</c>.</summary>
    private sealed record Warmup(double Length, double Start, bool Prefix)
    {
        public static Warmup Read(CallReader r, bool prefixByDefault)
        {
            var length = r.Number("warmup_t", 0.0);
            if (!(length >= 0) || !double.IsFinite(length))
            {
                throw r.Error("warmup_t", $"expected a finite number >= 0, but got {Show(length)}; give the warm-up length, or 0 for none");
            }

            return new Warmup(length, NonNegative(r, "warmup_lr_init", 0.0), r.Bool("warmup_prefix", prefixByDefault));
        }
    }
}
