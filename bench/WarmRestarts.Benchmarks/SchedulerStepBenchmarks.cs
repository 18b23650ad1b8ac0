using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using WarmRestarts.Scheduling;
using WarmRestarts.TorchSharp;
using static TorchSharp.torch.optim.lr_scheduler;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// One scheduler step on an SGD optimizer over real parameters (one small linear layer per group, so libtorch is
/// loaded as in training): WarmRestarts through the TorchSharp adapter (<see cref="ScheduleLRScheduler"/>, and the
/// <see cref="GroupScheduler"/> under it), the classic <see cref="WarmRestartsScheduler.ScheduleNextEpoch"/>, and
/// TorchSharp's own schedulers stepping the same optimizer. Schedules are in epochs of <see cref="StepsPerEpoch"/>
/// batches and stepped every batch, the way the Trainer uses them.
/// </summary>
[MemoryDiagnoser]
public class SchedulerStepBenchmarks
{
    /// <summary>Batches per epoch (Fashion-MNIST's 60,000 images in batches of 128).</summary>
    public const int StepsPerEpoch = 469;

    private readonly List<IDisposable> _owned = [];
    private torch.optim.Optimizer _optimizer = null!;
    private ScheduleLRScheduler _adapter = null!;
    private GroupScheduler _groupScheduler = null!;
    private GroupScheduler _farScheduler = null!;
    private WarmRestartsScheduler _classic = null!;
    private torch.optim.ILearningRateController[] _controllers = null!;
    private LRScheduler _cosine = null!;
    private LRScheduler _step = null!;
    private LRScheduler _oneCycle = null!;
    private LRScheduler _sequential = null!;

    /// <summary>Parameter groups in the optimizer.</summary>
    [Params(1, 8)]
    public int Groups { get; set; } = 1;

    /// <summary>SGDR as the library builds it: T_0 = 10 epochs, T_mult = 2, from 0.1 to 1e-4.</summary>
    public static Schedule Sgdr { get; } = Schedules.WarmRestarts(peak: 0.1, floor: 1e-4, firstCycle: 10, cycleGrowth: 2);

    /// <summary>Builds the optimizer and every scheduler over it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        torch.manual_seed(0);
        var groups = new List<SGD.ParamGroup>();
        for (var g = 0; g < Groups; g++)
        {
            var layer = torch.nn.Linear(16, 16);
            _owned.Add(layer);
            groups.Add(new SGD.ParamGroup(layer.parameters(), lr: 0.1, momentum: 0.9));
        }

        _optimizer = torch.optim.SGD(groups, learningRate: 0.1);
        _owned.Add(_optimizer);
        var clock = TrainingClock.Epochs(StepsPerEpoch);
        _adapter = new ScheduleLRScheduler(_optimizer, Sgdr, clock);
        _groupScheduler = new GroupScheduler(new TorchSharpParameterGroups(_optimizer), Sgdr, clock);
        _farScheduler = new GroupScheduler(new TorchSharpParameterGroups(_optimizer), Sgdr, clock);
        _farScheduler.SeekTo(1L << 52);
        _classic = new WarmRestartsScheduler(initialLearningRate: 0.1, restartInterval: 10, minLearningRate: 1e-4, intervalMultiplier: 2);
        _controllers = [.. _optimizer.ParamGroups];
        _cosine = CosineAnnealingLR(_optimizer, T_max: 10 * StepsPerEpoch, eta_min: 1e-4);
        _step = StepLR(_optimizer, step_size: StepsPerEpoch, gamma: 0.5);
        _oneCycle = OneCycleLR(_optimizer, max_lr: 0.1, total_steps: int.MaxValue / 2);
        _sequential = SequentialLR(_optimizer,
            [LinearLR(_optimizer, start_factor: 0.1, end_factor: 1.0, total_iters: StepsPerEpoch), CosineAnnealingLR(_optimizer, T_max: 10 * StepsPerEpoch, eta_min: 1e-4)],
            [StepsPerEpoch]);
    }

    /// <summary>Frees the parameters and the optimizer.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }

        _owned.Clear();
    }

    /// <summary>WarmRestarts' drop-in scheduler: <c>scheduler.step()</c>.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark(Baseline = true)]
    public double Sgdr_ScheduleLRScheduler_step()
    {
        _adapter.step();
        return _controllers[0].LearningRate;
    }

    /// <summary>The engine under the adapter: <see cref="GroupScheduler.Advance"/> writing through <see cref="TorchSharpParameterGroups"/>.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double Sgdr_GroupScheduler_Advance()
    {
        _groupScheduler.Advance();
        return _controllers[0].LearningRate;
    }

    /// <summary>The same, after a seek to step 2^52: the cost does not grow with the step count.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double Sgdr_GroupScheduler_Advance_at_2_pow_52()
    {
        _farScheduler.Advance();
        return _controllers[0].LearningRate;
    }

    /// <summary>The classic API, stepped per call, its rate written to every group.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double Sgdr_classic_ScheduleNextEpoch()
    {
        var rate = _classic.ScheduleNextEpoch();
        foreach (var group in _controllers)
        {
            group.LearningRate = rate;
        }

        return _controllers[0].LearningRate;
    }

    /// <summary>TorchSharp's <c>CosineAnnealingLR.step()</c>.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double TorchSharp_CosineAnnealingLR_step()
    {
        _cosine.step();
        return _controllers[0].LearningRate;
    }

    /// <summary>TorchSharp's <c>StepLR.step()</c>.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double TorchSharp_StepLR_step()
    {
        _step.step();
        return _controllers[0].LearningRate;
    }

    /// <summary>TorchSharp's <c>OneCycleLR.step()</c>.</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double TorchSharp_OneCycleLR_step()
    {
        _oneCycle.step();
        return _controllers[0].LearningRate;
    }

    /// <summary>TorchSharp's <c>SequentialLR.step()</c> (LinearLR warm-up for one epoch, then CosineAnnealingLR).</summary>
    /// <returns>Group 0's rate.</returns>
    [Benchmark]
    public double TorchSharp_SequentialLR_step()
    {
        _sequential.step();
        return _controllers[0].LearningRate;
    }
}
