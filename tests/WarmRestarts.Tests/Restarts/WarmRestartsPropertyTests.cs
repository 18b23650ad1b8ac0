using CsCheck;
using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

/// <summary>Properties over random engines (CsCheck): bounds, exact restarts, monotone cosine cycles, determinism.</summary>
public class WarmRestartsPropertyTests
{
    private static readonly Gen<CycleShape> Shapes = Gen.OneOf(
        CycleShape.Cosine, CycleShape.Linear, CycleShape.Exponential, CycleShape.Polynomial(2), CycleShape.KDecayCosine(3), CycleShape.StepHalving(2));

    internal static readonly Gen<WarmRestartsOptions> Options =
        from peak in Gen.Double[1e-6, 10]
        from floorFraction in Gen.Double[0.001, 1]
        from firstCycle in Gen.OneOf(Gen.Int[1, 50].Select(i => (double)i), Gen.Double[0.01, 1000])
        from growth in Gen.OneOf(Gen.Int[1, 4].Select(i => (double)i), Gen.Double[1, 3])
        from peakDecay in Gen.Double[0.1, 1]
        from floorDecay in Gen.Double[0.1, 1]
        from mode in Gen.OneOf(PeakDecayMode.Peak, PeakDecayMode.Amplitude)
        from limit in Gen.Int[0, 6]
        from warmupFraction in Gen.Double[0, 0.9]
        from every in Gen.Bool
        from shape in Shapes
        select new WarmRestartsOptions
        {
            Peak = peak,
            Floor = peak * floorFraction,
            FirstCycle = firstCycle,
            CycleGrowth = growth,
            PeakDecay = peakDecay,
            FloorDecay = floorDecay,
            DecayMode = mode,
            CycleLimit = limit == 0 ? null : limit,
            Warmup = firstCycle * warmupFraction,
            WarmupMode = every ? WarmupMode.EveryCycle : WarmupMode.Once,
            Shape = shape,
        };

    /// <summary>Also the shapes that do not start exactly at the peak (tanh) or that the restart property does not cover.</summary>
    private static readonly Gen<WarmRestartsOptions> AnyShapeOptions =
        from options in Options
        from shape in Gen.OneOf(Shapes, Gen.OneOf(CycleShape.HyperbolicTangent(-7, 3), CycleShape.HyperbolicTangent(-1, 0.5), CycleShape.Polynomial(2, 1.5), CycleShape.Polynomial(0.5, 3)))
        select options with { Shape = shape };

    private static readonly Gen<double> Progress = Gen.OneOf(
        Gen.Double[0, 100],
        Gen.Double[0, 1e6],
        Gen.Long[0, 1L << 53].Select(l => (double)l),
        Gen.Double.Unit.Select(u => u * Schedule.MaxProgress));

    [Fact]
    public void Values_stay_within_floor_and_peak_and_are_finite()
    {
        Gen.Select(AnyShapeOptions, Progress).Sample((options, t) =>
        {
            var schedule = new WarmRestartsSchedule(options);
            var value = schedule.Evaluate(t);
            var cycle = schedule.CycleAt(t);
            var index = options.CycleLimit is { } limit ? Math.Min(cycle.Index, limit - 1) : cycle.Index;
            var floor = options.Floor * Math.Pow(options.FloorDecay, index);
            return double.IsFinite(value) && value <= options.Peak && value >= floor;
        }, iter: 5000);
    }

    [Fact]
    public void Every_restart_returns_the_decayed_peak_exactly()
    {
        Gen.Select(Options, Gen.Int[1, 30]).Sample((options, cycles) =>
        {
            var schedule = new WarmRestartsSchedule(options with { Warmup = 0 });
            var restarts = schedule.RestartsUntil(1e7);
            foreach (var (restart, i) in restarts.Take(cycles).Select((r, i) => (r, i + 1)))
            {
                var floor = options.Floor * Math.Pow(options.FloorDecay, i);
                var decay = Math.Pow(options.PeakDecay, i);
                var expected = options.PeakDecay == 1 ? Math.Max(options.Peak, floor)
                    : options.DecayMode == PeakDecayMode.Peak
                    ? Math.Max(options.Peak * decay, floor)
                    : floor + ((options.Peak - floor) * decay);
                var cycle = schedule.CycleAt(restart);
                if (cycle.Index != i || cycle.Position != 0 || schedule.Evaluate(restart) != expected)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Integer_cycles_restart_exactly_at_integer_boundaries()
    {
        // T_0 and T_mult whole: S_i = T_0 (T_mult^i - 1) / (T_mult - 1) is an integer; at S_i the peak, at S_i - 1 not.
        Gen.Select(Gen.Int[1, 20], Gen.Int[1, 5]).Sample((firstCycle, growth) =>
        {
            var schedule = Schedules.WarmRestarts(peak: 0.5, floor: 0.0, firstCycle: firstCycle, cycleGrowth: growth);
            long start = 0, length = firstCycle;
            for (var i = 0; i < 60 && start + length < (1L << 53); i++)
            {
                start += length;
                length *= growth;
                if (schedule.Evaluate(start) != 0.5 || schedule.CycleAt(start).Index != i + 1)
                {
                    return false;
                }

                if (length > (1L << 53) / growth)
                {
                    break;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Cosine_cycles_never_increase_within_a_cycle()
    {
        Gen.Select(Options, Gen.Double[0, 1e4], Gen.Double[0, 1]).Sample((options, t, dt) =>
        {
            var schedule = new WarmRestartsSchedule(options with { Shape = CycleShape.Cosine, Warmup = 0 });
            var cycle = schedule.CycleAt(t);
            var later = t + (dt * (cycle.End - t));
            return later >= cycle.End || schedule.CycleAt(later).Index != cycle.Index || schedule.Evaluate(later) <= schedule.Evaluate(t);
        });
    }

    [Fact]
    public void Evaluation_is_deterministic_and_position_is_consistent()
    {
        Gen.Select(Options, Progress).Sample((options, t) =>
        {
            var a = new WarmRestartsSchedule(options);
            var b = new WarmRestartsSchedule(options);
            var cycle = a.CycleAt(t);
            return a.Evaluate(t).Equals(b.Evaluate(t)) && a.Evaluate(t).Equals(a.Evaluate(t))
                && cycle.Position >= 0 && (cycle.IsPastLimit || t < cycle.Start || cycle.Position <= cycle.Length);
        });
    }

    [Fact]
    public void Warmup_joins_the_first_peak_continuously()
    {
        Gen.Select(Options, Gen.Double[0.01, 0.9]).Sample((options, fraction) =>
        {
            var warmup = options.FirstCycle * fraction;
            var schedule = new WarmRestartsSchedule(options with { Warmup = warmup, WarmupMode = WarmupMode.Once });
            var justBefore = schedule.Evaluate(warmup * (1 - 1e-12));
            return schedule.Evaluate(warmup) == options.Peak && Math.Abs(justBefore - options.Peak) <= 1e-9 * Math.Max(options.Peak, 1);
        });
    }
}
