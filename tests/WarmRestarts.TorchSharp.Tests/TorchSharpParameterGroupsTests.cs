using TorchSharp;
using TorchSharp.Modules;
using WarmRestarts.Scheduling;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Tests;

[Collection(TorchSerial.Name)]
public sealed class TorchSharpParameterGroupsTests
{
    private static readonly Schedule Sgdr = Schedules.WarmRestarts(peak: 1.0, floor: 0.01, firstCycle: 5, cycleGrowth: 2);
    private static readonly Schedule MomentumSchedule = Schedules.WarmRestarts(peak: 0.95, floor: 0.85, firstCycle: 7);

    [Fact]
    public void Two_groups_with_different_base_rates_follow_the_schedule_bit_for_bit()
    {
        Torch.Init(seed: 1);
        using var first = nn.Linear(4, 3);
        using var second = nn.Linear(3, 2);
        using var optimizer = optim.SGD(
            [new SGD.ParamGroup(first.parameters(), lr: 0.2, momentum: 0.9), new SGD.ParamGroup(second.parameters(), lr: 0.05, momentum: 0.9)],
            learningRate: 0.01);
        var groups = new TorchSharpParameterGroups(optimizer);
        Assert.Equal(2, groups.Count);
        Assert.Equal(0.2, groups.GetBaseRate(0));
        Assert.Equal(0.05, groups.GetBaseRate(1));
        var controllers = optimizer.ParamGroups.ToList();

        var scheduler = new GroupScheduler(groups, Sgdr, TrainingClock.Steps, new GroupSchedulerOptions { RelativeToBaseRate = true, Momentum = MomentumSchedule });

        for (var step = 0; step <= 50; step++)
        {
            if (step > 0)
            {
                scheduler.Advance();
            }

            var s = Sgdr.Evaluate(step);
            Assert.Equal(BitConverter.DoubleToInt64Bits(s * 0.2), BitConverter.DoubleToInt64Bits(controllers[0].LearningRate));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s * 0.05), BitConverter.DoubleToInt64Bits(controllers[1].LearningRate));
            var m = MomentumSchedule.Evaluate(step);
            Assert.All(controllers, c => Assert.Equal(BitConverter.DoubleToInt64Bits(m), BitConverter.DoubleToInt64Bits(((optim.IMomentum)c).Momentum)));
            Assert.Equal(0.2, controllers[0].InitialLearningRate); // base rates are read, never written
        }
    }

    [Fact]
    public void The_rate_written_is_the_one_the_next_optimizer_step_uses()
    {
        Torch.Init(seed: 2);
        using var scheduled = nn.Linear(3, 1);
        using var reference = nn.Linear(3, 1);
        reference.load_state_dict(scheduled.state_dict());
        using var optimizer = optim.SGD(scheduled.parameters(), learningRate: 5.0);
        using var plain = optim.SGD(reference.parameters(), learningRate: 0.1);
        _ = new GroupScheduler(new TorchSharpParameterGroups(optimizer), Schedules.WarmRestarts(peak: 0.1, floor: 0.0, firstCycle: 5), TrainingClock.Steps);
        using var x = randn(8, 3);

        foreach (var (model, opt) in new (Linear, optim.Optimizer)[] { (scheduled, optimizer), (reference, plain) })
        {
            opt.zero_grad();
            using var loss = model.forward(x).square().mean();
            loss.backward();
            opt.step();
        }

        Assert.True(scheduled.weight!.eq(reference.weight!).all().item<bool>());
    }

    [Fact]
    public void Adam_gets_the_momentum_as_beta1_and_keeps_beta2()
    {
        Torch.Init(seed: 3);
        using var model = nn.Linear(4, 2);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.001, beta1: 0.9, beta2: 0.995);
        var groups = new TorchSharpParameterGroups(optimizer);
        Assert.True(groups.SupportsMomentum);
        var group = (optim.IBetas)optimizer.ParamGroups.Single();

        var scheduler = new GroupScheduler(groups, Schedules.WarmRestarts(peak: 0.01, floor: 0.0001, firstCycle: 6), TrainingClock.Steps,
            new GroupSchedulerOptions { Momentum = MomentumSchedule });
        for (var step = 1; step <= 20; step++)
        {
            scheduler.Advance();
            Assert.Equal((MomentumSchedule.Evaluate(step), 0.995), group.Betas);
        }
    }

    [Fact]
    public void SGD_and_RMSProp_support_momentum_LBFGS_and_Adagrad_do_not()
    {
        Torch.Init(seed: 4);
        using var model = nn.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), learningRate: 0.1);
        using var rms = optim.RMSProp(model.parameters());
        using var adagrad = optim.Adagrad(model.parameters());
        using var lbfgs = optim.LBFGS(model.parameters());

        Assert.True(new TorchSharpParameterGroups(sgd).SupportsMomentum);
        Assert.True(new TorchSharpParameterGroups(rms).SupportsMomentum);
        Assert.False(new TorchSharpParameterGroups(adagrad).SupportsMomentum);
        var groups = new TorchSharpParameterGroups(lbfgs);
        Assert.False(groups.SupportsMomentum);
        Assert.Throws<NotSupportedException>(() => groups.SetMomentum(0, 0.9));
        var error = Assert.Throws<ScheduleArgumentException>(() =>
            new GroupScheduler(groups, Sgdr, TrainingClock.Steps, new GroupSchedulerOptions { Momentum = MomentumSchedule }));
        Assert.Equal("momentum", error.ParamName);
    }

    [Fact]
    public void One_schedule_over_several_groups_reaches_every_group_get_last_lr_and_LBFGS_natively()
    {
        Torch.Init(seed: 6);
        using var first = nn.Linear(3, 2);
        using var second = nn.Linear(2, 2);
        using var third = nn.Linear(2, 1);
        using var sgd = optim.SGD(
            [new SGD.ParamGroup(first.parameters(), lr: 0.3), new SGD.ParamGroup(second.parameters(), lr: 0.2), new SGD.ParamGroup(third.parameters(), lr: 0.1)],
            learningRate: 0.1);
        var scheduler = new ScheduleLRScheduler(sgd, Sgdr, TrainingClock.Epochs(3));
        using var model = nn.Linear(3, 1);
        using var lbfgs = optim.LBFGS(model.parameters(), lr: 1.0, max_iter: 3);
        var native = new ScheduleLRScheduler(lbfgs, Sgdr, TrainingClock.Epochs(3));
        for (var step = 1; step <= 40; step++)
        {
            scheduler.step();
            native.step();
            var expected = Sgdr.Evaluate(TrainingClock.Epochs(3).ProgressAt(step));
            Assert.Equal([expected, expected, expected], sgd.ParamGroups.Select(g => g.LearningRate));
            Assert.Equal([expected, expected, expected], scheduler.get_last_lr());
            Assert.Equal(expected, lbfgs.LearningRate);
            Assert.Equal([expected], native.get_last_lr());
        }

        var groups = new TorchSharpParameterGroups(sgd);
        groups.SetAllRates(0.125);
        Assert.Equal([0.125, 0.125, 0.125], sgd.ParamGroups.Select(g => g.LearningRate));
    }

    [Fact]
    public void LBFGS_gets_its_native_rate_set()
    {
        Torch.Init(seed: 5);
        using var scheduled = nn.Linear(3, 1);
        using var reference = nn.Linear(3, 1);
        using var groupOnly = nn.Linear(3, 1);
        reference.load_state_dict(scheduled.state_dict());
        groupOnly.load_state_dict(scheduled.state_dict());
        using var lbfgs = optim.LBFGS(scheduled.parameters(), lr: 1.0, max_iter: 3);
        using var plain = optim.LBFGS(reference.parameters(), lr: 0.05, max_iter: 3);
        using var ignored = optim.LBFGS(groupOnly.parameters(), lr: 1.0, max_iter: 3);
        var groups = new TorchSharpParameterGroups(lbfgs);
        Assert.Equal(1.0, groups.GetBaseRate(0));

        _ = new GroupScheduler(groups, Schedules.WarmRestarts(peak: 0.05, floor: 0.0, firstCycle: 10), TrainingClock.Steps);
        ignored.ParamGroups.Single().LearningRate = 0.05; // what a plain group write does: nothing natively

        Assert.Equal(0.05, lbfgs.LearningRate);
        Assert.Equal(0.05, lbfgs.ParamGroups.Single().LearningRate);
        using var x = randn(16, 3);
        using var target = randn(16, 1);
        foreach (var (model, opt) in new (Linear, optim.Optimizer)[] { (scheduled, lbfgs), (reference, plain), (groupOnly, ignored) })
        {
            opt.step(() =>
            {
                opt.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(x), target);
                loss.backward();
                return loss;
            });
        }

        Assert.True(scheduled.weight!.eq(reference.weight!).all().item<bool>());
        Assert.False(groupOnly.weight!.eq(reference.weight!).all().item<bool>());
    }

    [Fact]
    public void Advance_through_the_adapter_allocates_nothing()
    {
        Torch.Init(seed: 6);
        using var model = nn.Linear(4, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1, momentum: 0.9);
        var scheduler = new GroupScheduler(new TorchSharpParameterGroups(optimizer), Sgdr, TrainingClock.Epochs(7),
            new GroupSchedulerOptions { Momentum = MomentumSchedule, RelativeToBaseRate = true });
        for (var i = 0; i < 200; i++)
        {
            scheduler.Advance();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scheduler.Advance();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Sgdr.Evaluate(TrainingClock.Epochs(7).ProgressAt(1200)) * 0.1, optimizer.ParamGroups.Single().LearningRate);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        var error = Assert.Throws<ScheduleArgumentException>(() => new TorchSharpParameterGroups(null!));
        Assert.Equal("optimizer", error.ParamName);
        Assert.Contains("optimizer", error.Message, StringComparison.Ordinal);

        Torch.Init(seed: 8);
        using var model = nn.Linear(2, 1);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
        var groups = new TorchSharpParameterGroups(optimizer);
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.SetRate(1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.GetBaseRate(-1));
        Assert.Same(optimizer, groups.Optimizer);
    }
}
