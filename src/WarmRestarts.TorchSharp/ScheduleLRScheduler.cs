using System.Runtime.InteropServices;
using TorchSharp;
using WarmRestarts.Scheduling;

namespace WarmRestarts.TorchSharp;

/// <summary>
/// A drop-in <see cref="torch.optim.lr_scheduler.LRScheduler"/> for existing TorchSharp training loops, driven by a
/// WarmRestarts <see cref="GroupScheduler"/>: <c>scheduler.step()</c> after <c>optimizer.step()</c> takes one
/// scheduler step (<see cref="GroupScheduler.Advance"/>) and writes every group's rate (and momentum, when scheduled).
/// </summary>
/// <remarks>
/// <para>
/// Step counting follows PyTorch: right after construction the rates of step 0 are in the optimizer
/// (<see cref="CurrentStep"/> = 0, PyTorch's <c>last_epoch = 0</c>); after <c>n</c> calls of <see cref="step()"/> they are
/// those of step <c>n</c>, i.e. <c>schedule(clock.ProgressAt(n))</c>. With an epoch clock
/// (<see cref="TrainingClock.Epochs(long, bool)"/>) call <see cref="step()"/> every batch; with
/// <see cref="TrainingClock.Steps"/> and lengths in epochs, every epoch.
/// </para>
/// <para>
/// Unlike TorchSharp's schedulers, the state can be saved and restored (<see cref="SaveState"/>,
/// <see cref="LoadState"/>), LBFGS's rate is really set, and <see cref="step()"/> allocates nothing.
/// <c>get_last_lr()</c> returns the rates last written.
/// </para>
/// <para>Not thread-safe: use one scheduler from one training loop.</para>
/// </remarks>
public sealed class ScheduleLRScheduler : torch.optim.lr_scheduler.LRScheduler
{
    private readonly IList<double>? _lastRates; // what get_last_lr() returns, when it can be updated in place
    private readonly bool _mirrored; // the adapter writes every rate into _lastRates itself (it was built here)

    /// <summary>Creates a scheduler in which every group follows <paramref name="schedule"/>, and writes step 0's rates.</summary>
    /// <param name="optimizer">The optimizer whose groups are driven.</param>
    /// <param name="schedule">The schedule every group follows (its values are rates, or multipliers of each group's
    /// initial rate with <see cref="GroupSchedulerOptions.RelativeToBaseRate"/>).</param>
    /// <param name="clock">Turns steps into the schedule's progress unit.</param>
    /// <param name="options">Optional parts: relative rates, momentum, plateau.</param>
    /// <exception cref="ScheduleArgumentException">An argument or option is invalid.</exception>
    public ScheduleLRScheduler(torch.optim.Optimizer optimizer, Schedule schedule, TrainingClock clock, GroupSchedulerOptions? options = null)
        : this(optimizer, groups => new GroupScheduler(groups, schedule, clock, options))
    {
    }

    /// <summary>Creates a scheduler with one schedule for all groups or one per group, and writes step 0's rates.</summary>
    /// <param name="optimizer">The optimizer whose groups are driven.</param>
    /// <param name="schedules">One schedule for all groups, or one per group.</param>
    /// <param name="clock">Turns steps into the schedules' progress unit.</param>
    /// <param name="options">Optional parts: relative rates, momentum, plateau.</param>
    /// <exception cref="ScheduleArgumentException">An argument or option is invalid.</exception>
    public ScheduleLRScheduler(torch.optim.Optimizer optimizer, IReadOnlyList<Schedule> schedules, TrainingClock clock, GroupSchedulerOptions? options = null)
        : this(optimizer, groups => new GroupScheduler(groups, schedules, clock, options))
    {
    }

    /// <summary>
    /// Wraps a <see cref="GroupScheduler"/> already built over <paramref name="groups"/>, to hand it to code that
    /// expects an <see cref="torch.optim.lr_scheduler.LRScheduler"/>.
    /// </summary>
    /// <param name="groups">The adapter the scheduler writes to.</param>
    /// <param name="scheduler">A scheduler built with <c>new GroupScheduler(groups, ...)</c>.</param>
    /// <exception cref="ScheduleArgumentException">An argument is null, or the scheduler drives another number of groups.</exception>
    public ScheduleLRScheduler(TorchSharpParameterGroups groups, GroupScheduler scheduler)
        : base(NotNull(groups, nameof(groups), "pass the TorchSharpParameterGroups the scheduler was built over").Optimizer)
    {
        NotNull(scheduler, nameof(scheduler), "pass a GroupScheduler built over these groups");
        if (scheduler.Rates.Count != groups.Count)
        {
            throw new ScheduleArgumentException(nameof(scheduler),
                $"scheduler must drive the {groups.Count} groups of the optimizer, but drove {scheduler.Rates.Count}; build it with new GroupScheduler(groups, ...) over the same adapter.");
        }

        Groups = groups;
        Scheduler = scheduler;
        _lastRates = LastRatesList(groups.Count);
        SyncLastRates();
    }

    private ScheduleLRScheduler(torch.optim.Optimizer optimizer, Func<TorchSharpParameterGroups, GroupScheduler> build)
        : base(NotNull(optimizer, nameof(optimizer), "pass the optimizer whose rates the schedule drives"))
    {
        Groups = new TorchSharpParameterGroups(optimizer);
        _lastRates = LastRatesList(Groups.Count);
        if (_lastRates is List<double> list)
        {
            // The adapter is this scheduler's own: it writes get_last_lr()'s list with every rate, so no step copies it.
            Groups.MirrorRatesInto(list);
            _mirrored = true;
        }

        Scheduler = build(Groups);
        SyncLastRates();
    }

    /// <summary>The scheduler that computes the rates: its events (<see cref="GroupScheduler.Restarted"/>,
    /// <see cref="GroupScheduler.CycleEnded"/>), <see cref="GroupScheduler.Description"/> and the rest.</summary>
    public GroupScheduler Scheduler { get; }

    /// <summary>The optimizer's parameter groups the scheduler writes to.</summary>
    public TorchSharpParameterGroups Groups { get; }

    /// <summary>The scheduler steps taken, <see cref="GroupScheduler.Step"/> (PyTorch's <c>last_epoch</c>).</summary>
    public long CurrentStep => Scheduler.Step;

    /// <summary>The current rate of each group (a live view).</summary>
    public IReadOnlyList<double> Rates => Scheduler.Rates;

    /// <summary>Takes one step: <see cref="GroupScheduler.Advance"/>. Allocates nothing except the data of raised cycle events.</summary>
    public override void step()
    {
        Scheduler.Advance();
        Stepped();
    }

    /// <summary>Takes one step, or with <paramref name="epoch"/> jumps to that step (<see cref="GroupScheduler.SeekTo"/>; no events).</summary>
    /// <param name="epoch">The step to jump to, &gt;= 0; <see langword="null"/> for the next step.</param>
    /// <exception cref="ScheduleArgumentException"><paramref name="epoch"/> is negative.</exception>
    public override void step(int? epoch)
    {
        if (epoch is null)
        {
            Scheduler.Advance();
        }
        else
        {
            Scheduler.SeekTo(epoch.Value);
        }

        Stepped();
    }

    /// <summary>
    /// With a plateau configured (<see cref="GroupSchedulerOptions.Plateau"/>), reports the metric
    /// (<see cref="GroupScheduler.ReportMetric"/>, like <c>ReduceLROnPlateau.step(metric)</c>) without advancing the
    /// schedule; call <see cref="step()"/> for that. Without a plateau the metric is ignored and this is
    /// <see cref="step(int?)"/>, as for TorchSharp's other schedulers.
    /// </summary>
    /// <param name="current">The metric.</param>
    /// <param name="epoch">Without a plateau: the step to jump to, or <see langword="null"/> for the next step. Ignored with a plateau.</param>
    public override void step(double current, int? epoch = null)
    {
        if (Scheduler.Plateau is null)
        {
            step(epoch);
            return;
        }

        Scheduler.ReportMetric(current);
        SyncLastRates();
    }

    /// <summary>Jumps to step <paramref name="step"/> in O(1) (resume); raises no events.</summary>
    /// <param name="step">The steps taken, &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException"><paramref name="step"/> is negative.</exception>
    public void SeekTo(long step)
    {
        Scheduler.SeekTo(step);
        SyncLastRates();
    }

    /// <summary>Reports an evaluation metric to the plateau reduction (<see cref="GroupScheduler.ReportMetric"/>).</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Whether a reduction was applied.</returns>
    /// <exception cref="InvalidOperationException">No plateau is configured.</exception>
    public bool ReportMetric(double metric)
    {
        var reduced = Scheduler.ReportMetric(metric);
        SyncLastRates();
        return reduced;
    }

    /// <summary>Saves the scheduler's state as JSON (<see cref="GroupScheduler.SaveState"/>); TorchSharp's schedulers have none.</summary>
    /// <returns>The JSON text, for <see cref="LoadState"/>.</returns>
    public string SaveState() => Scheduler.SaveState();

    /// <summary>Loads a state saved by <see cref="SaveState"/> (<see cref="GroupScheduler.LoadState"/>) and writes its rates.</summary>
    /// <param name="json">The text <see cref="SaveState"/> returned.</param>
    /// <exception cref="SchedulerStateException">The text is not a valid saved state or was saved for a different setup.</exception>
    public void LoadState(string json)
    {
        Scheduler.LoadState(json);
        SyncLastRates();
    }

    /// <summary>The rates last written, one per group.</summary>
    /// <returns>The scheduler's current rates.</returns>
    protected override IEnumerable<double> get_lr() => Scheduler.Rates;

    /// <summary>The rates last written, one per group (the schedule is closed-form).</summary>
    /// <returns>The scheduler's current rates.</returns>
    protected override IEnumerable<double> get_closed_form_lr() => Scheduler.Rates;

    private static T NotNull<T>(T value, string name, string fix)
        where T : class =>
        value ?? throw new ScheduleArgumentException(name, $"{name} must not be null; {fix}.");

    /// <summary>
    /// The base class keeps the rates <c>get_last_lr()</c> returns in a list filled by its constructor and updated only
    /// by its own <c>step</c>; the list is what <c>get_last_lr()</c> returns, so it is updated in place.
    /// </summary>
    private IList<double>? LastRatesList(int count) =>
        get_last_lr() is IList<double> { IsReadOnly: false } list && list.Count == count ? list : null;

    private void Stepped()
    {
        _step_count++;
        SyncLastRates();
    }

    private void SyncLastRates()
    {
        if (_lastRates is null || _mirrored)
        {
            return;
        }

        if (_lastRates is List<double> list)
        {
            Scheduler.CopyRatesTo(CollectionsMarshal.AsSpan(list));
            return;
        }

        var rates = Scheduler.Rates;
        for (var g = 0; g < rates.Count; g++)
        {
            _lastRates[g] = rates[g];
        }
    }
}
