using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Restarts;

public class AllocationTests
{
    public static TheoryData<string> Engines() => new() { "cosine", "growth", "decayed", "warmup-every", "k-decay", "limited", "tanh", "polynomial-k" };

    private static WarmRestartsSchedule Build(string name) => name switch
    {
        "cosine" => Schedules.WarmRestarts(0.1, 0, 10),
        "growth" => Schedules.WarmRestarts(0.1, 1e-4, 10, 2),
        "decayed" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, Floor = 1e-3, FirstCycle = 3, CycleGrowth = 1.5, PeakDecay = 0.7, FloorDecay = 0.9 }),
        "warmup-every" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, Warmup = 2, WarmupMode = WarmupMode.EveryCycle }),
        "k-decay" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, Shape = CycleShape.KDecayCosine(2) }),
        "limited" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, CycleLimit = 2, Warmup = 3 }),
        "tanh" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, CycleGrowth = 2, Shape = CycleShape.HyperbolicTangent(-7, 3) }),
        "polynomial-k" => Schedules.WarmRestarts(new WarmRestartsOptions { Peak = 0.1, FirstCycle = 10, Shape = CycleShape.Polynomial(0.9, 1.5) }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Evaluation_allocates_nothing(string name)
    {
        var schedule = Build(name);
        var sum = 0.0;
        var allocated = AllocationProbe.Least(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var t = i * 7919.25;
                sum += schedule.Evaluate(t);
                sum += schedule.CycleAt(t).Position;
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sum) || double.IsPositiveInfinity(sum));
    }
}
