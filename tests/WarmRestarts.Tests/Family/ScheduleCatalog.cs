using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts.Tests.Family;

/// <summary>One instance of every family schedule and combinator, for the tests that hold for all of them.</summary>
internal static class ScheduleCatalog
{
    public static IReadOnlyList<Schedule> Family { get; } =
    [
        Schedules.Constant(0.1),
        Schedules.Step(0.1, 30, 0.1),
        Schedules.MultiStep(0.1, [30, 60, 60, 90], 0.1),
        Schedules.Exponential(0.1, 0.9, 3, staircase: true, end: 1e-6),
        Schedules.Exponential(0.1, 0.99),
        Schedules.CosineAnnealing(0.1, 0.001, 100, 2),
        Schedules.Linear(0.0, 0.1, 10),
        Schedules.Polynomial(0.1, 0.0, 100, 0.5),
        Schedules.InverseTime(0.1, 0.5, 10, staircase: true),
        Schedules.InverseSquareRoot(0.001, 4000),
        Schedules.PiecewiseConstant([10, 20, 30], [0.1, 0.05, 0.01, 0.001], inclusiveBoundaries: true),
        Schedules.PiecewiseLinear((0, 0.0), (5, 0.1), (50, 0.01), (100, 0.0)),
        Schedules.Cyclic(0.001, 0.006, 4, 7, CyclicMode.Triangular2),
        Schedules.Cyclic(0.001, 0.006, 4, 7, CyclicMode.ExpRange, 0.999),
        Schedules.OneCycle(0.1, 100, threePhase: true),
        Schedules.OneCycle(0.1, 100, anneal: OneCycleAnneal.Linear).Momentum(),
        Schedules.WarmupStableDecay(0.01, 10, 80, 10, 0.0001, CycleShape.Cosine),
        Schedules.Exponential(0.01, 1.5, 4, end: 0.2),
        Schedules.Exponential(0.01, 1.5, 4),
        Schedules.PiecewiseLinear([new(0, 0.004), new(30, 0.1), new(100, 4e-7)], Interpolation.Cosine),
    ];

    /// <summary>Family schedules with restart cycles of their own.</summary>
    public static IReadOnlyList<Schedule> CyclingFamily { get; } =
    [
        Schedules.Polynomial(0.1, 0.01, 10, 2, cycle: true),
    ];

    public static IReadOnlyList<Schedule> Combinators { get; } =
    [
        Schedules.Warmup(Schedules.WarmRestarts(0.1, 0.0, 10, 2), 5),
        Schedules.Sequence([Schedules.Linear(0, 0.1, 5), Schedules.WarmRestarts(0.1, 0.0, 10), Schedules.Constant(0.001)], [5, 35]),
        Schedules.Sequence([Schedules.Constant(0.1), Schedules.WarmRestarts(0.1, 0.0, 10)], [5], restartClock: false),
        Schedules.Product(Schedules.Exponential(1.0, 0.99), Schedules.WarmRestarts(0.1, 0.0, 10)),
        Schedules.Scale(Schedules.WarmRestarts(0.1, 0.0, 10), 2),
        Schedules.Clamp(Schedules.WarmRestarts(0.1, 0.0, 10), 0.01, 0.08),
        Schedules.Stretch(Schedules.WarmRestarts(0.1, 0.0, 10), 469),
        Schedules.Stretch(Schedules.WarmRestarts(0.1, 0.0, 10), 1e-300),
        Schedules.Constant(0.1).WithWarmup(3).Then(Schedules.CosineAnnealing(0.1, 0, 50), at: 20).Scaled(0.5).Clamped(0, 1).Stretched(10),
    ];

    public static IEnumerable<Schedule> All => Family.Concat(CyclingFamily).Concat(Combinators);
}
