using TorchSharp;
using WarmRestarts.Scheduling;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Tests;

[Collection(TorchSerial.Name)]
public sealed class ScheduleLRSchedulerTests
{
    private static readonly Schedule Sgdr = Schedules.WarmRestarts(peak: 0.1, floor: 0.001, firstCycle: 3, cycleGrowth: 2);

    private static double Cosine(double t)
    {
        // SGDR (arXiv 1608.03983, eq. 5) with T_0 = 3, T_mult = 2: cycles [0, 3), [3, 9), [9, 21), ...
        double start = 0, length = 3;
        while (t >= start + length)
        {
            start += length;
            length *= 2;
        }

        return 0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * (t - start) / length)) / 2);
    }

    [Fact]
    public void Step_advances_the_schedule_and_get_last_lr_follows()
    {
        Torch.Init(seed: 11);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5);
        optim.lr_scheduler.LRScheduler scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Steps);
        var group = optimizer.ParamGroups.Single();
        Assert.Equal(0.1, group.LearningRate);
        Assert.Equal([0.1], scheduler.get_last_lr());

        for (var step = 1; step <= 25; step++)
        {
            scheduler.step();
            Assert.Equal(Sgdr.Evaluate(step), group.LearningRate);
            Assert.Equal(Cosine(step), group.LearningRate, 14);
            Assert.Equal([group.LearningRate], scheduler.get_last_lr());
        }

        Assert.Equal(25, ((ScheduleLRScheduler)scheduler).CurrentStep);
    }

    [Fact]
    public void Step_with_an_epoch_seeks()
    {
        Torch.Init(seed: 12);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5);
        var scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Steps);

        scheduler.step(epoch: 9);

        Assert.Equal(9, scheduler.CurrentStep);
        Assert.Equal(0.1, optimizer.ParamGroups.Single().LearningRate); // a restart
        Assert.Throws<ScheduleArgumentException>(() => scheduler.step(epoch: -1));
    }

    [Fact]
    public void State_saves_and_loads_into_a_new_scheduler()
    {
        Torch.Init(seed: 13);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5, momentum: 0.9);
        var options = new GroupSchedulerOptions { Plateau = new PlateauOptions { Patience = 0, Factor = 0.5 } };
        var scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Epochs(4), options);
        for (var i = 0; i < 10; i++)
        {
            scheduler.step();
        }

        scheduler.step(1.0);
        scheduler.step(2.0); // no improvement with patience 0: halved
        Assert.Equal(10, scheduler.CurrentStep); // metric reports do not advance
        var rate = optimizer.ParamGroups.Single().LearningRate;
        Assert.Equal(Sgdr.Evaluate(2.5) * 0.5, rate);
        var saved = scheduler.SaveState();

        using var other = optim.SGD(model.parameters(), learningRate: 0.5, momentum: 0.9);
        var resumed = new ScheduleLRScheduler(other, Sgdr, TrainingClock.Epochs(4), options);
        resumed.LoadState(saved);

        Assert.Equal(10, resumed.CurrentStep);
        Assert.Equal(rate, other.ParamGroups.Single().LearningRate);
        Assert.Equal([rate], resumed.get_last_lr());
        resumed.step();
        scheduler.step();
        Assert.Equal(optimizer.ParamGroups.Single().LearningRate, other.ParamGroups.Single().LearningRate);
        Assert.Throws<SchedulerStateException>(() => new ScheduleLRScheduler(other, Sgdr, TrainingClock.Steps, options).LoadState(saved));
    }

    [Fact]
    public void Without_a_plateau_a_metric_is_ignored_and_the_schedule_advances()
    {
        Torch.Init(seed: 14);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5);
        var scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Steps);

        scheduler.step(0.3);

        Assert.Equal(1, scheduler.CurrentStep);
        Assert.Equal(Sgdr.Evaluate(1), optimizer.ParamGroups.Single().LearningRate);
        Assert.Throws<InvalidOperationException>(() => scheduler.ReportMetric(0.3));
    }

    [Fact]
    public void A_group_scheduler_built_over_the_adapter_can_be_wrapped()
    {
        Torch.Init(seed: 15);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var groups = new TorchSharpParameterGroups(optimizer);
        var inner = new GroupScheduler(groups, [Sgdr], TrainingClock.Steps);
        var restarts = new List<long>();
        inner.Restarted += (_, e) => restarts.Add(e.Step);

        var scheduler = new ScheduleLRScheduler(groups, inner);
        for (var i = 0; i < 10; i++)
        {
            scheduler.step();
        }

        Assert.Same(inner, scheduler.Scheduler);
        Assert.Equal([3L, 9L], restarts);
        Assert.Equal(Sgdr.Evaluate(10), optimizer.ParamGroups.Single().LearningRate);
        var error = Assert.Throws<ScheduleArgumentException>(() => new ScheduleLRScheduler(groups, null!));
        Assert.Equal("scheduler", error.ParamName);
        Assert.Equal("optimizer", Assert.Throws<ScheduleArgumentException>(() => new ScheduleLRScheduler(null!, Sgdr, TrainingClock.Steps)).ParamName);
    }

    [Fact]
    public void Get_last_lr_equals_every_group_rate_after_every_kind_of_write()
    {
        // Two groups at different base rates, relative schedule, plateau: each write path must reach get_last_lr().
        Torch.Init(seed: 17);
        using var first = nn.Linear(3, 2);
        using var second = nn.Linear(2, 1);
        using var optimizer = optim.SGD(
            [new global::TorchSharp.Modules.SGD.ParamGroup(first.parameters(), lr: 1.0), new global::TorchSharp.Modules.SGD.ParamGroup(second.parameters(), lr: 0.5)], learningRate: 1.0);
        var options = new GroupSchedulerOptions { RelativeToBaseRate = true, Plateau = new PlateauOptions { Patience = 0, Factor = 0.5 } };
        var saved = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Epochs(4), options).SaveState();
        var scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Epochs(4), options);
        void Check(string after)
        {
            var rates = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
            Assert.True(rates.SequenceEqual(scheduler.get_last_lr()), $"after {after}: groups {string.Join(", ", rates)}, get_last_lr {string.Join(", ", scheduler.get_last_lr())}");
            Assert.True(rates.SequenceEqual(scheduler.Rates), after);
        }

        Check("construction");
        Assert.Equal(0.05, scheduler.get_last_lr().Last(), 15);
        for (var i = 0; i < 7; i++)
        {
            scheduler.step();
            Check($"step {i + 1}");
        }

        scheduler.ReportMetric(1.0);
        Assert.True(scheduler.ReportMetric(2.0)); // no improvement with patience 0: the rates are halved at once
        Check("a plateau reduction");
        scheduler.step(epoch: 30);
        Check("step(epoch)");
        scheduler.SeekTo(5);
        Check("SeekTo");
        scheduler.Scheduler.Advance(); // the GroupScheduler under it, bypassing step()
        Check("GroupScheduler.Advance");
        scheduler.LoadState(saved);
        Check("LoadState");
        Assert.Equal(0, scheduler.CurrentStep);
    }

    [Fact]
    public void Step_allocates_nothing()
    {
        Torch.Init(seed: 16);
        using var model = nn.Linear(3, 2);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.5);
        var scheduler = new ScheduleLRScheduler(optimizer, Sgdr, TrainingClock.Epochs(10));
        for (var i = 0; i < 100; i++)
        {
            scheduler.step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scheduler.step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
