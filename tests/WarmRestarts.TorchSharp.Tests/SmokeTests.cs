using TorchSharp;
using WarmRestarts.Scheduling;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Tests;

[Collection(TorchSerial.Name)]
public sealed class SmokeTests
{
    [Fact]
    public void The_test_host_runs_with_passive_OpenMP_waiting()
    {
        // The process environment libgomp reads when libtorch loads (the managed Environment is not enough).
        var environment = File.ReadAllText("/proc/self/environ").Split('\0');

        Assert.Contains("OMP_WAIT_POLICY=PASSIVE", environment);
    }

    [Fact]
    public void TorchSharp_loads_and_one_training_step_driven_by_a_group_scheduler_works()
    {
        Torch.Init(seed: 7);
        Assert.Equal(2, torch.get_num_threads());
        using var model = nn.Sequential(("fc1", nn.Linear(8, 16)), ("relu", nn.ReLU()), ("fc2", nn.Linear(16, 3)));
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5, momentum: 0.9);
        var schedule = Schedules.WarmRestarts(peak: 0.1, floor: 0.001, firstCycle: 4, cycleGrowth: 2);
        var scheduler = new GroupScheduler(new TorchSharpParameterGroups(optimizer), schedule, TrainingClock.Steps);
        var group = optimizer.ParamGroups.Single();
        Assert.Equal(0.1, group.LearningRate); // step 0's rate, written by the constructor
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        using var x = randn(32, 8);
        using var y = randint(0, 3, [32]);

        optimizer.zero_grad();
        using var output = model.forward(x);
        using var loss = nn.functional.cross_entropy(output, y);
        loss.backward();
        optimizer.step();
        scheduler.Advance();

        var value = loss.item<float>();
        Assert.True(float.IsFinite(value) && value > 0, $"loss {value}");
        var after = model.parameters().ToList();
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), pair => Assert.False(pair.First.eq(pair.Second).all().item<bool>(), "a parameter did not change"));
        Assert.Equal(schedule.Evaluate(1), group.LearningRate);
        Assert.Equal(0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * 1 / 4)) / 2), group.LearningRate, 15);
        before.ForEach(p => p.Dispose());
    }
}
