using BenchmarkDotNet.Attributes;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// Where one SGDR step's time goes, one group, progress advancing by 1/469 epoch per call: the cosine alone, the bare
/// closed form, a full <see cref="Schedule.Evaluate"/> (locating the cycle every time), and
/// <see cref="GroupScheduler.Advance"/> writing to plain managed groups (no TorchSharp).
/// </summary>
[MemoryDiagnoser]
public class StepAnatomyBenchmarks
{
    private readonly Schedule _sgdr = SchedulerStepBenchmarks.Sgdr;
    private GroupScheduler _managed = null!;
    private long _step;

    /// <summary>Builds the scheduler over managed groups.</summary>
    [GlobalSetup]
    public void Setup() =>
        _managed = new GroupScheduler(new ParameterGroups(0.1), _sgdr, TrainingClock.Epochs(SchedulerStepBenchmarks.StepsPerEpoch));

    /// <summary><c>Math.Cos(π x)</c> for the position in a 10-epoch cycle.</summary>
    /// <returns>The cosine.</returns>
    [Benchmark]
    public double Cosine_only()
    {
        var x = (_step++ % 4690) / 4690.0;
        return (1.0 + Math.Cos(Math.PI * x)) / 2.0 * 0.1;
    }

    /// <summary>SGDR written out for a first cycle of 10 epochs: floor + (peak − floor)(1 + cos(π T_cur / T_i)) / 2.</summary>
    /// <returns>The rate.</returns>
    [Benchmark]
    public double Closed_form_cosine_first_cycle()
    {
        var t = (_step++ % 4690) / (double)SchedulerStepBenchmarks.StepsPerEpoch;
        return 1e-4 + ((0.1 - 1e-4) * (1.0 + Math.Cos(Math.PI * t / 10.0)) / 2.0);
    }

    /// <summary>The pure <see cref="Schedule.Evaluate"/> at the next step's progress: the cycle is located every call.</summary>
    /// <returns>The rate.</returns>
    [Benchmark]
    public double Sgdr_Evaluate_next_step() => _sgdr.Evaluate(_step++ / (double)SchedulerStepBenchmarks.StepsPerEpoch);

    /// <summary><see cref="GroupScheduler.Advance"/> over <see cref="ParameterGroups"/> (managed arrays).</summary>
    /// <returns>The rate.</returns>
    [Benchmark]
    public double GroupScheduler_Advance_managed_groups()
    {
        _managed.Advance();
        return _managed.Rates[0];
    }
}
