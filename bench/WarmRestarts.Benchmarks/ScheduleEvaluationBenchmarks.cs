using BenchmarkDotNet.Attributes;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// <see cref="Schedule.Evaluate"/> of each family at random progress points, near 0 (the first 10,000 steps) and near
/// 2^53 (in [2^52, 2^53)): the cost must not grow with t. Each invocation evaluates <see cref="Points"/> points.
/// </summary>
[MemoryDiagnoser]
public class ScheduleEvaluationBenchmarks
{
    /// <summary>Progress points per invocation.</summary>
    public const int Points = 1024;

    private readonly double[] _points = new double[Points];
    private Schedule _schedule = null!;

    /// <summary>The family (see <see cref="Families.Names"/>).</summary>
    [ParamsSource(nameof(FamilyNames))]
    public string Family { get; set; } = "warm_restarts";

    /// <summary>Where the progress points lie: <c>small</c> in [0, 10^4), <c>2^52</c> in [2^52, 2^53).</summary>
    [Params("small", "2^52")]
    public string Range { get; set; } = "small";

    /// <summary>The values of <see cref="Family"/>.</summary>
    public static IEnumerable<string> FamilyNames => Families.Names;

    /// <summary>Builds the schedule and draws the points (seeded).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _schedule = Families.Create(Family);
        var random = new Random(53);
        var (low, width) = Range == "small" ? (0.0, 10_000.0) : (Math.Pow(2, 52), Math.Pow(2, 52));
        for (var i = 0; i < Points; i++)
        {
            _points[i] = low + (random.NextDouble() * width);
        }
    }

    /// <summary>Evaluates the schedule at every point; returns the sum so that nothing is optimised away.</summary>
    /// <returns>The sum of the rates.</returns>
    [Benchmark(OperationsPerInvoke = Points)]
    public double Evaluate()
    {
        var schedule = _schedule;
        var sum = 0.0;
        foreach (var t in _points)
        {
            sum += schedule.Evaluate(t);
        }

        return sum;
    }
}
