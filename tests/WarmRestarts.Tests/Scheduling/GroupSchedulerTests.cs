using WarmRestarts.Restarts;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

public class GroupSchedulerTests
{
    // SGDR eq. (5) with T_0 = firstCycle, T_mult = growth, written out independently of the engine.
    private static double Sgdr(double peak, double floor, double firstCycle, double growth, double t)
    {
        double start = 0, length = firstCycle;
        while (t >= start + length)
        {
            start += length;
            length *= growth;
        }

        return floor + (0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * (t - start) / length)));
    }

    public static TheoryData<string> Clocks => ["steps", "epochs4", "epochs4whole"];

    private static TrainingClock ClockNamed(string name) => name switch
    {
        "steps" => TrainingClock.Steps,
        "epochs4" => TrainingClock.Epochs(4),
        _ => TrainingClock.Epochs(4, fractional: false),
    };

    // Progress after n steps, computed from the clock's definition.
    private static double ProgressOf(string clock, long n) => clock switch
    {
        "steps" => n,
        "epochs4" => n / 4.0,
        _ => Math.Floor(n / 4.0),
    };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Rates_equal_schedule_values_at_every_step(string clock)
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0.001, firstCycle: 3, cycleGrowth: 2);
        var groups = new ParameterGroups(0.1, 0.1);
        var scheduler = new GroupScheduler(groups, schedule, ClockNamed(clock));
        for (long n = 0; n <= 200; n++)
        {
            if (n > 0)
            {
                scheduler.Advance();
            }

            var t = ProgressOf(clock, n);
            Assert.Equal(n, scheduler.Step);
            Assert.Equal(t, scheduler.Progress);
            Assert.Equal(schedule.Evaluate(t), scheduler.Rates[0]);
            Assert.Equal(Sgdr(0.1, 0.001, 3, 2, t), scheduler.Rates[0], 1e-15);
            Assert.Equal(scheduler.Rates[0], groups.Rates[0]);
            Assert.Equal(scheduler.Rates[1], groups.Rates[1]);
        }
    }

    [Fact]
    public void Construction_applies_step_zero()
    {
        var groups = new ParameterGroups(0.5);
        var scheduler = new GroupScheduler(groups, new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 10), TrainingClock.Steps);
        Assert.Equal(0, scheduler.Step);
        Assert.Equal(0.1, groups.Rates[0]);
        Assert.Equal(0.5, groups.BaseRates[0]);
    }

    [Fact]
    public void Relative_to_base_rate_multiplies_each_groups_base()
    {
        var groups = new ParameterGroups(0.1, 0.02);
        var scheduler = new GroupScheduler(groups, new WarmRestartsSchedule(peak: 1, floor: 0, firstCycle: 8), TrainingClock.Steps,
            new GroupSchedulerOptions { RelativeToBaseRate = true });
        for (var n = 0; n <= 20; n++)
        {
            var factor = Sgdr(1, 0, 8, 1, n);
            Assert.Equal(0.1 * factor, groups.Rates[0], 1e-16);
            Assert.Equal(0.02 * factor, groups.Rates[1], 1e-16);
            scheduler.Advance();
        }
    }

    [Fact]
    public void One_schedule_per_group()
    {
        var groups = new ParameterGroups(1, 1);
        var scheduler = new GroupScheduler(groups, [new RampTestSchedule(0.5), new RampTestSchedule(0.25)], TrainingClock.Epochs(2));
        for (var k = 0; k < 5; k++)
        {
            scheduler.Advance();
        }

        Assert.Equal(0.5 * 2.5, groups.Rates[0]);
        Assert.Equal(0.25 * 2.5, groups.Rates[1]);
        Assert.Equal("[test_ramp(slope=0.5), test_ramp(slope=0.25)] [clock epochs(steps_per_epoch=2, fractional=True)] [groups 2]", scheduler.Description);
    }

    [Theory]
    [MemberData(nameof(Clocks))]
    public void SeekTo_equals_advancing(string clock)
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 2.5, cycleGrowth: 1.5);
        var advanced = new GroupScheduler(new ParameterGroups(0.1), schedule, ClockNamed(clock));
        var seeking = new GroupScheduler(new ParameterGroups(0.1), schedule, ClockNamed(clock));
        foreach (var target in new long[] { 0, 1, 7, 8, 9, 33, 100, 257 })
        {
            while (advanced.Step < target)
            {
                advanced.Advance();
            }

            seeking.SeekTo(target);
            Assert.Equal(advanced.Step, seeking.Step);
            Assert.Equal(advanced.Progress, seeking.Progress);
            Assert.Equal(advanced.Rates[0], seeking.Rates[0]);
        }

        seeking.SeekTo(3); // backwards too
        Assert.Equal(schedule.Evaluate(ProgressOf(clock, 3)), seeking.Rates[0]);
    }

    [Fact]
    public void Momentum_schedule_is_written_to_every_group()
    {
        var groups = new ParameterGroups(0.1, 0.2);
        var scheduler = new GroupScheduler(groups, new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 10), TrainingClock.Steps,
            new GroupSchedulerOptions { Momentum = new WarmRestartsSchedule(peak: 0.95, floor: 0.85, firstCycle: 10) });
        for (var n = 0; n <= 15; n++)
        {
            var expected = Sgdr(0.95, 0.85, 10, 1, n);
            Assert.Equal(expected, groups.Momenta[0], 1e-15);
            Assert.Equal(expected, groups.Momenta[1], 1e-15);
            Assert.Equal(expected, scheduler.Momentum, 1e-15);
            scheduler.Advance();
        }
    }

    private static List<string> RecordEvents(GroupScheduler scheduler, long steps)
    {
        var events = new List<string>();
        scheduler.CycleEnded += (_, e) => events.Add($"end {e.CycleIndex} @{e.Step} t={e.Progress}");
        scheduler.Restarted += (_, e) => events.Add($"restart {e.CycleIndex} @{e.Step} t={e.Progress}");
        while (scheduler.Step < steps)
        {
            scheduler.Advance();
        }

        return events;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Events_fire_at_restarts_in_epochs(bool fractional)
    {
        // T_0 = 2 epochs, T_mult = 2: restarts at epochs 2, 6, 14 -> steps 6, 18, 42 with 3 steps per epoch.
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 2, cycleGrowth: 2);
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Epochs(3, fractional));
        var events = RecordEvents(scheduler, 60);
        Assert.Equal(
            ["end 0 @6 t=2", "restart 1 @6 t=2", "end 1 @18 t=6", "restart 2 @18 t=6", "end 2 @42 t=14", "restart 3 @42 t=14"],
            events);
    }

    [Fact]
    public void Events_with_a_cycle_limit_end_the_last_cycle_without_a_restart()
    {
        var schedule = new WarmRestartsSchedule(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 2, CycleGrowth = 2, CycleLimit = 2 });
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Epochs(3));
        var events = RecordEvents(scheduler, 60);
        Assert.Equal(["end 0 @6 t=2", "restart 1 @6 t=2", "end 1 @18 t=6"], events);
        Assert.Equal(0.0, scheduler.Rates[0]);
    }

    [Fact]
    public void One_step_crossing_several_cycles_raises_one_pair_per_cycle()
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 0.25);
        var events = RecordEvents(new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps), 1);
        Assert.Equal(
            ["end 0 @1 t=1", "restart 1 @1 t=1", "end 1 @1 t=1", "restart 2 @1 t=1", "end 2 @1 t=1", "restart 3 @1 t=1", "end 3 @1 t=1", "restart 4 @1 t=1"],
            events);

        var limited = new WarmRestartsSchedule(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 0.25, CycleLimit = 2 });
        var limitedEvents = RecordEvents(new GroupScheduler(new ParameterGroups(0.1), limited, TrainingClock.Steps), 3);
        Assert.Equal(["end 0 @1 t=1", "restart 1 @1 t=1", "end 1 @1 t=1"], limitedEvents);
    }

    [Fact]
    public void Events_per_step_are_capped_to_the_last_crossed_cycles()
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 0.01); // 100 cycles per step
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps);
        var ended = new List<long>();
        var restarted = new List<long>();
        scheduler.CycleEnded += (_, e) => ended.Add(e.CycleIndex);
        scheduler.Restarted += (_, e) => restarted.Add(e.CycleIndex);
        scheduler.Advance();
        Assert.Equal(GroupScheduler.MaxCycleEventPairsPerStep, ended.Count);
        Assert.Equal(Enumerable.Range(84, 16).Select(i => (long)i), ended);
        Assert.Equal(Enumerable.Range(85, 16).Select(i => (long)i), restarted);
    }

    [Fact]
    public void No_events_on_seek_and_none_for_schedules_without_cycles()
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 2);
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps);
        var count = 0;
        scheduler.CycleEnded += (_, _) => count++;
        scheduler.Restarted += (_, _) => count++;
        scheduler.SeekTo(11);
        Assert.Equal(0, count);
        scheduler.Advance(); // 12: cycle 6 starts
        Assert.Equal(2, count);

        var ramp = new GroupScheduler(new ParameterGroups(0.1), new RampTestSchedule(0.1), TrainingClock.Steps);
        ramp.CycleEnded += (_, _) => count++;
        for (var k = 0; k < 10; k++)
        {
            ramp.Advance();
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public void Plateau_scales_the_running_schedule()
    {
        var groups = new ParameterGroups(0.1);
        var scheduler = new GroupScheduler(groups, new WarmRestartsSchedule(peak: 0.1, floor: 0.0, firstCycle: 10), TrainingClock.Steps,
            new GroupSchedulerOptions { Plateau = new PlateauOptions { Patience = 0, Factor = 0.5, MinRates = [0.01] } });
        scheduler.SeekTo(5); // 0.05
        Assert.False(scheduler.ReportMetric(1.0));
        Assert.True(scheduler.ReportMetric(1.0)); // 0.05 -> 0.025: applied, s = 0.5
        Assert.Equal(0.5 * Sgdr(0.1, 0, 10, 1, 5), groups.Rates[0], 1e-16);
        scheduler.Advance();
        Assert.Equal(0.5 * Sgdr(0.1, 0, 10, 1, 6), groups.Rates[0], 1e-16);
        scheduler.SeekTo(9); // 0.5 * 0.00245 below the bound: clamped
        Assert.Equal(0.01, groups.Rates[0]);
        scheduler.SeekTo(10); // restart: 0.5 * 0.1
        Assert.Equal(0.05, groups.Rates[0]);
    }

    [Fact]
    public void ReportMetric_without_plateau_throws()
    {
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), new RampTestSchedule(1), TrainingClock.Steps);
        var ex = Assert.Throws<InvalidOperationException>(() => scheduler.ReportMetric(1.0));
        Assert.Contains("GroupSchedulerOptions.Plateau", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_allocates_nothing()
    {
        var scheduler = new GroupScheduler(new ParameterGroups(0.1), new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 7, cycleGrowth: 2), TrainingClock.Epochs(3));
        var full = new GroupScheduler(new ParameterGroups(0.1, 0.2), new WarmRestartsSchedule(peak: 1, floor: 0, firstCycle: 7, cycleGrowth: 1.5), TrainingClock.Epochs(3),
            new GroupSchedulerOptions
            {
                RelativeToBaseRate = true,
                Momentum = new WarmRestartsSchedule(peak: 0.95, floor: 0.85, firstCycle: 7),
                Plateau = new PlateauOptions(),
            });
        for (var k = 0; k < 2000; k++)
        {
            scheduler.Advance();
            full.Advance();
            _ = scheduler.Rates[0];
        }

        Assert.Equal(0, AllocationProbe.Least(() =>
        {
            for (var k = 0; k < 20000; k++)
            {
                scheduler.Advance();
                _ = scheduler.Rates[0];
            }
        }));

        Assert.Equal(0, AllocationProbe.Least(() =>
        {
            for (var k = 0; k < 20000; k++)
            {
                full.Advance();
            }
        }));
    }

    [Fact]
    public void Invalid_arguments_are_rejected_with_the_parameter_named()
    {
        var schedule = new RampTestSchedule(1);
        var groups = new ParameterGroups(0.1, 0.2);
        AssertRejected("groups", () => new GroupScheduler(null!, schedule, TrainingClock.Steps));
        AssertRejected("groups", () => new GroupScheduler(new RawGroups([], true), schedule, TrainingClock.Steps));
        AssertRejected("schedule", () => new GroupScheduler(groups, (Schedule)null!, TrainingClock.Steps));
        AssertRejected("schedules", () => new GroupScheduler(groups, (IReadOnlyList<Schedule>)null!, TrainingClock.Steps));
        AssertRejected("schedules", () => new GroupScheduler(groups, [schedule, schedule, schedule], TrainingClock.Steps));
        AssertRejected("schedules", () => new GroupScheduler(groups, [], TrainingClock.Steps));
        AssertRejected("schedules[1]", () => new GroupScheduler(groups, [schedule, null!], TrainingClock.Steps));
        AssertRejected("baseRate[1]", () => new GroupScheduler(new RawGroups([0.1, -1], true), schedule, TrainingClock.Steps, new GroupSchedulerOptions { RelativeToBaseRate = true }));
        AssertRejected("baseRate[0]", () => new GroupScheduler(new RawGroups([double.NaN], true), schedule, TrainingClock.Steps, new GroupSchedulerOptions { RelativeToBaseRate = true }));
        var momentum = AssertRejected("momentum", () => new GroupScheduler(new RawGroups([0.1], false), schedule, TrainingClock.Steps, new GroupSchedulerOptions { Momentum = schedule }));
        Assert.Contains("test_ramp(slope=1.0)", momentum.Message, StringComparison.Ordinal);
        AssertRejected("minRates", () => new GroupScheduler(groups, schedule, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions { MinRates = [0, 0, 0] } }));
        AssertRejected("factor", () => new GroupScheduler(groups, schedule, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions { Factor = 2 } }));
        var scheduler = new GroupScheduler(groups, schedule, TrainingClock.Steps);
        AssertRejected("step", () => scheduler.SeekTo(-1));
        AssertRejected("json", () => scheduler.LoadState(null!));
    }

    [Fact]
    public void Raw_groups_without_momentum_run_when_no_momentum_is_scheduled()
    {
        var scheduler = new GroupScheduler(new RawGroups([0.1], false), new RampTestSchedule(2), TrainingClock.Steps);
        scheduler.Advance();
        Assert.Equal(2.0, scheduler.Rates[0]);
        Assert.True(double.IsNaN(scheduler.Momentum));
    }

    private static ScheduleArgumentException AssertRejected(string name, Func<object> build) => AssertRejected(name, () => { _ = build(); });

    private static ScheduleArgumentException AssertRejected(string name, Action build)
    {
        var ex = Assert.Throws<ScheduleArgumentException>(build);
        Assert.StartsWith(name + " must be", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }
}
