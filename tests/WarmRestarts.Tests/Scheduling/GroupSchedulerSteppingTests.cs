using CsCheck;
using WarmRestarts.Restarts;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

/// <summary>
/// The stepping fast paths of <see cref="GroupScheduler.Advance"/> (epochs counted without division, the cycle
/// cached between steps) give exactly the pure functions' values: <c>schedule.Evaluate(clock.ProgressAt(step))</c>.
/// </summary>
public class GroupSchedulerSteppingTests
{
    public static TheoryData<string> Clocks => ["steps", "default", "epochs469", "epochs469whole", "epochs1", "epochs65536", "epochs65537"];

    private static TrainingClock ClockNamed(string name) => name switch
    {
        "steps" => TrainingClock.Steps,
        "default" => default,
        "epochs469" => TrainingClock.Epochs(469),
        "epochs469whole" => TrainingClock.Epochs(469, fractional: false),
        "epochs65536" => TrainingClock.Epochs(65_536), // the largest epoch whose fractions Advance reads from a table
        "epochs65537" => TrainingClock.Epochs(65_537), // divides at every step instead
        _ => TrainingClock.Epochs(1),
    };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Advancing_from_any_seek_point_gives_the_pure_values_bit_for_bit(string clockName)
    {
        var clock = ClockNamed(clockName);
        var sgdr = Schedules.WarmRestarts(0.1, 1e-4, 3, 2);
        var schedules = new Schedule[]
        {
            sgdr,
            sgdr, // shares group 0's schedule: evaluated once for both
            Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 1e-3, FirstCycle = 2, CycleGrowth = 1.5, PeakDecay = 0.7, Warmup = 0.5, CycleLimit = 5 }),
            Schedules.Scale(Schedules.WarmRestarts(0.1, 0, 1, 3), 2),
            sgdr, // the same schedule again after others: evaluated with its own cycle cache
        };
        var groups = new ParameterGroups(0.1, 0.1, 0.1, 0.1, 0.1);
        var scheduler = new GroupScheduler(groups, schedules, clock);
        foreach (var start in new long[] { 0, 467, 1_000, 1L << 40, (1L << 53) - 300 })
        {
            scheduler.SeekTo(start);
            for (var step = start; step < start + 1_500; step++)
            {
                Assert.Equal(step, scheduler.Step);
                Assert.Equal(clock.ProgressAt(step), scheduler.Progress);
                for (var g = 0; g < schedules.Length; g++)
                {
                    Assert.Equal(schedules[g].Evaluate(clock.ProgressAt(step)), scheduler.Rates[g]);
                    Assert.Equal(scheduler.Rates[g], groups.Rates[g]);
                }

                scheduler.Advance();
            }
        }
    }

    [Fact]
    public void Cycle_events_while_stepping_match_the_cycle_index_of_the_pure_function()
    {
        var schedule = Schedules.WarmRestarts(0.1, 1e-4, 1, 3);
        var clock = TrainingClock.Epochs(7);
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), schedule, clock);
        var restarts = new List<(long Cycle, long Step)>();
        scheduler.Restarted += (_, e) => restarts.Add((e.CycleIndex, e.Step));
        for (var step = 1; step <= 7 * 130; step++)
        {
            scheduler.Advance();
        }

        var expected = new List<(long, long)>();
        for (long step = 1; step <= 7 * 130; step++)
        {
            var before = schedule.CycleAt(clock.ProgressAt(step - 1)).Index;
            var now = schedule.CycleAt(clock.ProgressAt(step)).Index;
            if (now > before)
            {
                expected.Add((now, step));
            }
        }

        Assert.Equal(expected, restarts);
        Assert.Equal([(1L, 7L), (2L, 28L), (3L, 91L), (4L, 280L), (5L, 847L)], restarts);
    }

    [Fact]
    public void CopyRatesTo_copies_every_group_rate_and_rejects_a_short_destination()
    {
        var schedules = new Schedule[] { Schedules.WarmRestarts(0.1, 1e-4, 3, 2), Schedules.WarmRestarts(0.05, 0, 2, 1), Schedules.WarmRestarts(0.2, 1e-3, 5, 3) };
        var scheduler = new GroupScheduler(new ParameterGroups(0.1, 0.1, 0.1), schedules, TrainingClock.Epochs(7));
        var destination = new double[4];
        destination[3] = -1;
        for (var step = 0; step < 40; step++)
        {
            scheduler.Advance();
            scheduler.CopyRatesTo(destination);
            Assert.Equal(scheduler.Rates, destination[..3]);
            Assert.Equal(-1, destination[3]);
        }

        var error = Assert.Throws<ArgumentException>(() => scheduler.CopyRatesTo(new double[2]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void Stepping_random_engines_and_clocks_from_random_steps_gives_the_pure_values_and_cycle_events()
    {
        // Advance evaluates group 0 from its kept cycle without checks until the step it computed the cycle ends at
        // (once per cycle); any error in that step shows as a wrong rate or a missed or extra event here.
        var clocks = Gen.OneOf(
            Gen.Const(TrainingClock.Steps),
            Gen.Int[1, 600].Select(n => TrainingClock.Epochs(n)),
            Gen.Int[2, 50].Select(n => TrainingClock.Epochs(n, fractional: false)));
        var starts = Gen.OneOf(Gen.Const(0L), Gen.Long[0, 100_000], Gen.Long[0, 1L << 53], Gen.Long[(1L << 53) - 5_000, (1L << 53) + 5_000], Gen.Long[long.MaxValue - 400, long.MaxValue - 300]);
        Gen.Select(WarmRestarts.Tests.Restarts.CycleCacheTests.Options, clocks, starts, Gen.Int[1, 300]).Sample((options, clock, start, steps) =>
        {
            var schedule = new WarmRestartsSchedule(options);
            var scheduler = new GroupScheduler(new ParameterGroups(1.0), schedule, clock);
            var restarts = new List<long>();
            scheduler.Restarted += (_, e) => restarts.Add(e.CycleIndex);
            scheduler.SeekTo(start);
            var expected = new List<long>();
            var index = schedule.CycleAt(clock.ProgressAt(start)).Index;
            for (var step = start + 1; step <= start + steps; step++)
            {
                scheduler.Advance();
                var t = clock.ProgressAt(step);
                if (BitConverter.DoubleToInt64Bits(scheduler.Rates[0]) != BitConverter.DoubleToInt64Bits(schedule.Evaluate(t)))
                {
                    return false;
                }

                var cycle = schedule.CycleAt(t);
                for (var k = Math.Max(index, cycle.Index - GroupScheduler.MaxCycleEventPairsPerStep) + 1; k <= cycle.Index; k++)
                {
                    if (k < cycle.Index || !cycle.IsPastLimit)
                    {
                        expected.Add(k);
                    }
                }

                index = Math.Max(index, cycle.Index);
            }

            return restarts.SequenceEqual(expected);
        }, iter: 600);
    }
}
