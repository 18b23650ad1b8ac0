using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts.Benchmarks;

/// <summary>One schedule of each family the core offers, with the lengths a short run would use (in steps).</summary>
public static class Families
{
    /// <summary>The family names, the values of <see cref="ScheduleEvaluationBenchmarks.Family"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "warm_restarts", "warm_restarts_equal", "warm_restarts_options", "cosine_annealing", "step", "multi_step", "exponential",
        "linear", "polynomial", "inverse_time", "inverse_sqrt", "piecewise_constant", "piecewise_linear", "cyclic",
        "one_cycle", "warmup_stable_decay", "constant", "warmup(warm_restarts)",
    ];

    /// <summary>Builds the schedule of a family.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Create(string name) => name switch
    {
        "warm_restarts" => Schedules.WarmRestarts(peak: 0.1, floor: 1e-4, firstCycle: 1000, cycleGrowth: 2),
        "warm_restarts_equal" => Schedules.WarmRestarts(peak: 0.1, floor: 1e-4, firstCycle: 1000, cycleGrowth: 1),
        "warm_restarts_options" => Schedules.WarmRestarts(new WarmRestartsOptions
        {
            Peak = 0.1, Floor = 1e-5, FirstCycle = 500, CycleGrowth = 1.5, PeakDecay = 0.7, Warmup = 100,
            WarmupMode = WarmupMode.EveryCycle, Shape = CycleShape.KDecayCosine(2),
        }),
        "cosine_annealing" => Schedules.CosineAnnealing(peak: 0.1, floor: 1e-4, length: 10_000, periodic: true),
        "step" => Schedules.Step(initial: 0.1, stepSize: 1000, gamma: 0.5),
        "multi_step" => Schedules.MultiStep(initial: 0.1, milestones: [1000, 3000, 6000, 9000], gamma: 0.1),
        "exponential" => Schedules.Exponential(initial: 0.1, decayRate: 0.999),
        "linear" => Schedules.Linear(start: 0.1, end: 0.001, length: 10_000),
        "polynomial" => Schedules.Polynomial(start: 0.1, end: 0.001, length: 10_000, power: 2),
        "inverse_time" => Schedules.InverseTime(initial: 0.1, decayRate: 0.5, decayLength: 1000),
        "inverse_sqrt" => Schedules.InverseSquareRoot(peak: 0.1, timescale: 1000),
        "piecewise_constant" => Schedules.PiecewiseConstant([1000, 2000, 4000, 8000], [0.1, 0.05, 0.02, 0.01, 0.001]),
        "piecewise_linear" => Schedules.PiecewiseLinear((0, 0.0), (500, 0.1), (5000, 0.01), (10_000, 0.001)),
        "cyclic" => Schedules.Cyclic(baseRate: 0.001, maxRate: 0.1, stepSizeUp: 2000, mode: CyclicMode.ExpRange, gamma: 0.9999),
        "one_cycle" => Schedules.OneCycle(maxRate: 0.1, total: 10_000),
        "warmup_stable_decay" => Schedules.WarmupStableDecay(peak: 0.1, warmup: 500, stable: 5000, decay: 4500),
        "constant" => Schedules.Constant(0.1),
        "warmup(warm_restarts)" => Schedules.Warmup(Schedules.WarmRestarts(peak: 0.1, floor: 1e-4, firstCycle: 1000, cycleGrowth: 2), length: 100),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown family"),
    };
}
