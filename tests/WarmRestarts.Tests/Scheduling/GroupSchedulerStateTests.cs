using System.Text.RegularExpressions;
using WarmRestarts.Restarts;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Tests.Scheduling;

public class GroupSchedulerStateTests
{
    private static readonly WarmRestartsSchedule Sgdr = new(peak: 1.0, floor: 0.01, firstCycle: 4, cycleGrowth: 2);

    private static GroupScheduler Build(ParameterGroups groups) =>
        new(groups, Sgdr, TrainingClock.Epochs(5), new GroupSchedulerOptions
        {
            RelativeToBaseRate = true,
            Momentum = new WarmRestartsSchedule(peak: 0.95, floor: 0.85, firstCycle: 4, cycleGrowth: 2),
            Plateau = new PlateauOptions { Patience = 1, Factor = 0.5, Cooldown = 1, MinRates = [1e-4, 1e-5] },
        });

    // A metric that improves, then stalls, then improves again; reported at every epoch end (5 steps).
    private static double Metric(int epoch) => epoch < 6 ? 10.0 - epoch : epoch < 20 ? 4.5 : 4.5 - (0.01 * epoch);

    private static void Run(GroupScheduler scheduler, long until, List<double> trace)
    {
        while (scheduler.Step < until)
        {
            scheduler.Advance();
            if (scheduler.Step % 5 == 0)
            {
                scheduler.ReportMetric(Metric((int)(scheduler.Step / 5)));
            }

            trace.Add(scheduler.Rates[0]);
            trace.Add(scheduler.Rates[1]);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(37L)]
    [InlineData(60L)]
    [InlineData(103L)]
    public void Save_and_load_continues_exactly_like_an_uninterrupted_run(long saveAt)
    {
        var uninterruptedGroups = new ParameterGroups(0.1, 0.03);
        var uninterrupted = Build(uninterruptedGroups);
        var expected = new List<double>();
        Run(uninterrupted, 200, expected);

        var first = Build(new ParameterGroups(0.1, 0.03));
        var trace = new List<double>();
        Run(first, saveAt, trace);
        var json = first.SaveState();

        var resumedGroups = new ParameterGroups(0.1, 0.03);
        var resumed = Build(resumedGroups);
        resumed.LoadState(json);
        Assert.Equal(saveAt, resumed.Step);
        Assert.Equal(first.Rates, resumed.Rates);
        Assert.Equal(first.Rates, resumedGroups.Rates);
        Assert.Equal(first.Plateau!.Best, resumed.Plateau!.Best);
        Assert.Equal(first.Plateau.NumBadEpochs, resumed.Plateau.NumBadEpochs);
        Assert.Equal(first.Plateau.CooldownCounter, resumed.Plateau.CooldownCounter);
        Assert.Equal(first.Plateau.LastEpoch, resumed.Plateau.LastEpoch);
        Assert.Equal(first.Plateau.Scales, resumed.Plateau.Scales);
        Run(resumed, 200, trace);

        Assert.Equal(expected, trace);
        Assert.Equal(uninterrupted.Plateau!.Scales, resumed.Plateau.Scales);
        Assert.Equal(uninterruptedGroups.Momenta, resumedGroups.Momenta);
        Assert.All(uninterrupted.Plateau.Scales, s => Assert.True(s < 1)); // the run did reduce, so the test covers the scales
    }

    [Fact]
    public void State_json_has_the_documented_fields()
    {
        var scheduler = Build(new ParameterGroups(0.1, 0.03));
        var json = scheduler.SaveState();
        Assert.Contains("\"format\": 1", json, StringComparison.Ordinal);
        Assert.Contains($"\"fingerprint\": \"{scheduler.Fingerprint}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"best\": \"Infinity\"", json, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", scheduler.Fingerprint);
        Assert.Equal(
            "warm_restarts(peak=1.0, floor=0.01, first_cycle=4.0, cycle_growth=2.0) [clock epochs(steps_per_epoch=5, fractional=True)] [groups 2]"
            + " [relative to base rates [0.1, 0.03]] [momentum warm_restarts(peak=0.95, floor=0.85, first_cycle=4.0, cycle_growth=2.0)]"
            + " [plateau(mode='min', factor=0.5, patience=1, threshold=0.0001, threshold_mode='rel', cooldown=1, min_rates=[0.0001, 1e-05], eps=1e-08)]",
            scheduler.Description);
    }

    [Fact]
    public void Scheduler_without_plateau_round_trips()
    {
        var schedule = new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 10);
        var a = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps);
        for (var k = 0; k < 17; k++)
        {
            a.Advance();
        }

        var json = a.SaveState();
        Assert.Contains("\"plateau\": null", json, StringComparison.Ordinal);
        var b = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps);
        b.LoadState(json);
        Assert.Equal(17, b.Step);
        Assert.Equal(schedule.Evaluate(17), b.Rates[0]);
    }

    [Fact]
    public void Loading_state_of_a_different_schedule_names_both()
    {
        var saved = new GroupScheduler(new ParameterGroups(0.1), new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 10, cycleGrowth: 2), TrainingClock.Steps);
        var other = new GroupScheduler(new ParameterGroups(0.1), new WarmRestartsSchedule(peak: 0.1, floor: 0, firstCycle: 10, cycleGrowth: 1), TrainingClock.Epochs(10));
        var ex = Assert.Throws<SchedulerStateException>(() => other.LoadState(saved.SaveState()));
        Assert.Equal(
            "scheduler state was saved for warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=2.0) [clock steps]"
            + " but this scheduler runs warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=1.0) [clock epochs(steps_per_epoch=10, fractional=True)];"
            + " load it into a scheduler built with the same schedule, or start a new run",
            ex.Message);
    }

    [Fact]
    public void Different_plateau_options_or_group_count_are_a_different_setup()
    {
        var schedule = new RampTestSchedule(1);
        var withPlateau = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions() });
        var otherPatience = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions { Patience = 3 } });
        var twoGroups = new GroupScheduler(new ParameterGroups(0.1, 0.1), schedule, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions() });
        var none = new GroupScheduler(new ParameterGroups(0.1), schedule, TrainingClock.Steps);
        Assert.Throws<SchedulerStateException>(() => otherPatience.LoadState(withPlateau.SaveState()));
        Assert.Throws<SchedulerStateException>(() => twoGroups.LoadState(withPlateau.SaveState()));
        Assert.Throws<SchedulerStateException>(() => none.LoadState(withPlateau.SaveState()));
        Assert.Throws<SchedulerStateException>(() => withPlateau.LoadState(none.SaveState()));

        // one schedule for all groups and the same schedule per group are the same setup
        var perGroup = new GroupScheduler(new ParameterGroups(0.1, 0.1), [schedule, new RampTestSchedule(1)], TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions { MinRates = [0, 0] } });
        perGroup.LoadState(twoGroups.SaveState());
    }

    public static TheoryData<string, string> Garbled(string json) => new()
    {
        { string.Empty, "not valid JSON" },
        { "{", "not valid JSON" },
        { "not json", "not valid JSON" },
        { json[..(json.Length / 2)], "not valid JSON" },
        { json[..^1], "not valid JSON" },
        { "[1, 2]", "must be a JSON object" },
        { "{}", "'format'" },
        { json.Replace("\"format\": 1", "\"format\": 2", StringComparison.Ordinal), "format version 2 but this library reads version 1" },
        { json.Replace("\"format\": 1", "\"format\": \"1\"", StringComparison.Ordinal), "'format'" },
        { json.Replace("\"step\": 23", "\"step\": -23", StringComparison.Ordinal), "'step'" },
        { json.Replace("\"step\": 23", "\"step\": 2.5", StringComparison.Ordinal), "'step'" },
        { json.Replace("\"step\": 23,", string.Empty, StringComparison.Ordinal), "'step'" },
        { json.Replace("patience=2", "patience=3", StringComparison.Ordinal), "fingerprint does not match" },
        { json.Replace("\"num_bad_epochs\": 1", "\"num_bad_epochs\": null", StringComparison.Ordinal), "'num_bad_epochs'" },
        { json.Replace("\"cooldown_counter\": 0", "\"cooldown_counter\": 9", StringComparison.Ordinal), "'cooldown_counter'" },
        { json.Replace("\"best\": 2", "\"best\": \"NaN\"", StringComparison.Ordinal), "'best'" },
        { json.Replace("\"scales\": [", "\"scales\": [1.0, ", StringComparison.Ordinal), "'scales'" },
        { Regex.Replace(json, @"""scales"": \[[^\]]*\]", "\"scales\": [-1]"), "'scales'" },
        { Regex.Replace(json, @"""scales"": \[[^\]]*\]", "\"scales\": [1.5]"), "'scales'" },
        { Regex.Replace(json, @"""scales"": \[[^\]]*\]", "\"scales\": [\"x\"]"), "'scales'" },
        { json.Replace("\"plateau\": {", "\"plateau\": 7, \"x\": {", StringComparison.Ordinal), "'plateau'" },
        { json.Replace("\"plateau\": {", "\"plateau\": null, \"x\": {", StringComparison.Ordinal), "plateau state present or missing" },
    };

    private static GroupScheduler Garbling() =>
        new(new ParameterGroups(0.1), Sgdr, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = new PlateauOptions { Patience = 2, Cooldown = 1 } });

    private static string GoodJson()
    {
        var scheduler = Garbling();
        scheduler.SeekTo(23);
        scheduler.ReportMetric(2.0);
        scheduler.ReportMetric(2.0);
        return scheduler.SaveState();
    }

    public static TheoryData<string, string> GarbledStates => Garbled(GoodJson());

    [Theory]
    [MemberData(nameof(GarbledStates))]
    public void Garbled_state_fails_cleanly_and_applies_nothing(string json, string expected)
    {
        var scheduler = Garbling();
        scheduler.SeekTo(5);
        var rate = scheduler.Rates[0];
        var ex = Assert.Throws<SchedulerStateException>(() => scheduler.LoadState(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\r', ex.Message);
        Assert.Equal(5, scheduler.Step);
        Assert.Equal(rate, scheduler.Rates[0]);
        Assert.Equal(double.PositiveInfinity, scheduler.Plateau!.Best);
        Assert.Equal(0, scheduler.Plateau.LastEpoch);
        Assert.Equal([1.0], scheduler.Plateau.Scales);
    }

    [Fact]
    public void Good_json_used_by_the_garbled_cases_loads()
    {
        var json = GoodJson();
        Assert.Contains("\"step\": 23,", json, StringComparison.Ordinal);
        Assert.Contains("\"best\": 2,", json, StringComparison.Ordinal);
        Assert.Contains("\"num_bad_epochs\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"cooldown_counter\": 0", json, StringComparison.Ordinal);
        var scheduler = Garbling();
        scheduler.LoadState(json);
        Assert.Equal(23, scheduler.Step);
        Assert.Equal(2.0, scheduler.Plateau!.Best);
        Assert.Equal(1, scheduler.Plateau.NumBadEpochs);
        Assert.Equal(2, scheduler.Plateau.LastEpoch);
    }
}
