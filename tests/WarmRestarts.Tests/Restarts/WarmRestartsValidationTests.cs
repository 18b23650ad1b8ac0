using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

public class WarmRestartsValidationTests
{
    private static WarmRestartsOptions Valid => new() { Peak = 0.1, Floor = 0.001, FirstCycle = 10 };

    public static TheoryData<string, WarmRestartsOptions, string> BadOptions() => new()
    {
        { "peak", Valid with { Peak = -0.1 }, "peak must be a finite number >= 0, but was -0.1; give the rate at each restart" },
        { "peak", Valid with { Peak = double.NaN }, "but was NaN" },
        { "peak", Valid with { Peak = double.PositiveInfinity }, "but was infinity" },
        { "floor", Valid with { Floor = -1e-3 }, "floor must be a finite number >= 0, but was -0.001" },
        { "floor", Valid with { Floor = 0.2 }, "floor must be <= peak (0.1), but was 0.2; lower the floor or raise the peak" },
        { "firstCycle", Valid with { FirstCycle = 0 }, "firstCycle must be a finite number > 0, but was 0" },
        { "firstCycle", Valid with { FirstCycle = -3 }, "but was -3" },
        { "firstCycle", Valid with { FirstCycle = double.NaN }, "but was NaN" },
        { "firstCycle", Valid with { FirstCycle = 1e17 }, "firstCycle must be <= 2^53" },
        { "cycleGrowth", Valid with { CycleGrowth = 0.5 }, "cycleGrowth must be a finite number >= 1, but was 0.5" },
        { "cycleGrowth", Valid with { CycleGrowth = double.PositiveInfinity }, "but was infinity" },
        { "peakDecay", Valid with { PeakDecay = 0 }, "peakDecay must be a number in (0, 1], but was 0" },
        { "peakDecay", Valid with { PeakDecay = 1.5 }, "but was 1.5" },
        { "floorDecay", Valid with { FloorDecay = -1 }, "floorDecay must be a number in (0, 1]" },
        { "cycleLimit", Valid with { CycleLimit = 0 }, "cycleLimit must be an integer >= 1, but was 0" },
        { "warmup", Valid with { Warmup = -1 }, "warmup must be a finite number >= 0, but was -1" },
        { "warmup", Valid with { Warmup = 10, WarmupMode = WarmupMode.EveryCycle }, "warmup must be shorter than firstCycle (10) when it runs at every restart, but was 10" },
        { "warmupStart", Valid with { WarmupStart = 0.5 }, "warmupStart must be <= peak (0.1), but was 0.5" },
        { "warmupMode", Valid with { WarmupMode = (WarmupMode)7 }, "warmupMode must be Once or EveryCycle, but was 7" },
        { "decayMode", Valid with { DecayMode = (PeakDecayMode)9 }, "decayMode must be Peak or Amplitude" },
        { "floor", Valid with { Floor = 0, Shape = CycleShape.Exponential }, "floor must be > 0 for the exponential cycle shape, but was 0" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_fail_at_construction_with_one_line_naming_the_parameter(string parameter, WarmRestartsOptions options, string expected)
    {
        var error = Assert.Throws<ScheduleArgumentException>(() => new WarmRestartsSchedule(options));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(parameter + " must be", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Shape_arguments_are_checked()
    {
        Assert.Contains("halvings must be an integer >= 1, but was 0", Assert.Throws<ScheduleArgumentException>(() => CycleShape.StepHalving(0)).Message, StringComparison.Ordinal);
        Assert.Contains("power must be a finite number > 0, but was -1", Assert.Throws<ScheduleArgumentException>(() => CycleShape.Polynomial(-1)).Message, StringComparison.Ordinal);
        Assert.Contains("k must be a finite number > 0, but was 0", Assert.Throws<ScheduleArgumentException>(() => CycleShape.Polynomial(2, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("lower must be below upper (3), but was 3", Assert.Throws<ScheduleArgumentException>(() => CycleShape.HyperbolicTangent(3, 3)).Message, StringComparison.Ordinal);
        Assert.Contains("upper must be a finite number", Assert.Throws<ScheduleArgumentException>(() => CycleShape.HyperbolicTangent(-7, double.PositiveInfinity)).Message, StringComparison.Ordinal);
        Assert.Contains("k must be a finite number > 0, but was NaN", Assert.Throws<ScheduleArgumentException>(() => CycleShape.KDecayCosine(double.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("shape must be given", Assert.Throws<ScheduleArgumentException>(() => new WarmRestartsSchedule(Valid with { Shape = null! })).Message, StringComparison.Ordinal);
    }
}
