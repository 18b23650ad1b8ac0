using CsCheck;
using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

/// <summary>
/// The stepping fast path (<see cref="CycleCache"/>, used by GroupScheduler): over random engines and random walks of
/// progress — small steps, restarts, jumps forward and back, near 2^53 — it gives exactly what the pure functions give.
/// </summary>
public class CycleCacheTests
{
    /// <summary>The property tests' engines, and the same with growth factors within rounding of 1 (where the cache is off).</summary>
    internal static readonly Gen<WarmRestartsOptions> Options = Gen.OneOf(
        WarmRestartsPropertyTests.Options,
        from options in WarmRestartsPropertyTests.Options
        from growth in Gen.OneOf(Gen.Const(1 + 1e-9), Gen.Const(1 + 1e-12), Gen.Const(1.0000000000000002))
        select options with { CycleGrowth = growth });

    /// <summary>A walk: a start and a list of moves, each a small step, a step to just past a boundary, or a jump.</summary>
    private static readonly Gen<(double Start, double[] Moves)> Walks =
        from start in Gen.OneOf(Gen.Const(0.0), Gen.Double[0, 1e4], Gen.Double.Unit.Select(u => u * Schedule.MaxProgress))
        from moves in Gen.OneOf(Gen.Double[0, 0.5], Gen.Double[-3, 3], Gen.Double[0, 1e5], Gen.Double[-1e15, 1e15]).Array[1, 200]
        select (start, moves);

    [Fact]
    public void Cached_evaluation_and_cycle_index_equal_the_pure_functions_bit_for_bit()
    {
        Gen.Select(Options, Walks).Sample((options, walk) =>
        {
            var schedule = new WarmRestartsSchedule(options);
            var cache = default(CycleCache);
            var t = walk.Start;
            foreach (var move in walk.Moves.Prepend(0.0))
            {
                t = Math.Max(0, t + move);
                var cached = schedule.EvaluateCached(t, ref cache);
                var index = schedule.CycleIndexCached(t, ref cache, out var pastLimit);
                schedule.TryGetCycle(t, out var cycle);
                if (BitConverter.DoubleToInt64Bits(cached) != BitConverter.DoubleToInt64Bits(schedule.Evaluate(t)) || index != cycle.Index || pastLimit != cycle.IsPastLimit)
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000);
    }

    [Fact]
    public void Stepping_every_point_of_many_cycles_including_each_restart_matches()
    {
        // T_0 = 1, T_mult = 3: the restart where a logarithmic estimate rounds 4.999999999999999 (t = 121) is among them.
        var schedule = Schedules.WarmRestarts(0.1, 1e-4, 1, 3);
        var cache = default(CycleCache);
        for (var step = 0; step <= 3 * 1093; step++)
        {
            var t = step / 3.0;
            Assert.Equal(schedule.Evaluate(t), schedule.EvaluateCached(t, ref cache));
            Assert.Equal(schedule.CycleAt(t).Index, schedule.CycleIndexCached(t, ref cache, out _));
        }

        Assert.Equal(0.1, schedule.EvaluateCached(121, ref cache));
    }

    [Fact]
    public void A_cache_filled_by_one_schedule_is_not_used_by_another()
    {
        var first = Schedules.WarmRestarts(0.1, 0, 10);
        var second = Schedules.WarmRestarts(0.2, 0, 10);
        var cache = default(CycleCache);
        first.EvaluateCached(5, ref cache);
        Assert.Equal(second.Evaluate(5), second.EvaluateCached(5, ref cache));
    }
}
