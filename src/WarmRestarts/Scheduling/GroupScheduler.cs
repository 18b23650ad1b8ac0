using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WarmRestarts.Internal;
using WarmRestarts.Restarts;

namespace WarmRestarts.Scheduling;

/// <summary>
/// The stateful side of the library: drives the rates (and optionally the momentum) of an optimizer's parameter
/// groups from pure <see cref="Schedule"/>s, one step at a time, with optional reduce-on-plateau, cycle events and
/// O(1) save/resume.
/// </summary>
/// <remarks>
/// <para>
/// After <see cref="Step"/> optimizer steps the progress is <c>t = clock.ProgressAt(Step)</c> and group <c>g</c>'s
/// rate is <c>r_g = schedule_g(t)</c> (times <c>baseRate_g</c> with <see cref="GroupSchedulerOptions.RelativeToBaseRate"/>),
/// then scaled by the plateau reduction, if any (<see cref="PlateauReduction.ScaleRate"/>). The constructor applies
/// step 0's rates at once, like PyTorch's scheduler constructors; call <see cref="Advance"/> after each optimizer
/// step, and <see cref="ReportMetric"/> after each evaluation when a plateau is configured.
/// </para>
/// <para>
/// <b>Events.</b> <see cref="Advance"/> watches the cycle of group 0's schedule (<see cref="Schedule.TryGetCycle"/>;
/// schedules without cycles raise none). When the cycle index grows from <c>i</c> to <c>j</c>, it raises, for each
/// crossed index <c>k</c> in <c>[i, j)</c>, <see cref="CycleEnded"/> for <c>k</c> then <see cref="Restarted"/> for
/// <c>k + 1</c>, except that no <see cref="Restarted"/> is raised for the past-the-limit tail that follows the last
/// cycle of a cycle limit. When one step crosses more than <see cref="MaxCycleEventPairsPerStep"/> cycles (cycles
/// shorter than a step), only the pairs of the last <see cref="MaxCycleEventPairsPerStep"/> crossed indices are
/// raised; the <see cref="CycleEventArgs.CycleIndex"/> values show the gap. <see cref="SeekTo"/> and
/// <see cref="LoadState"/> raise no events.
/// </para>
/// <para>
/// <b>Allocation.</b> <see cref="Advance"/> allocates nothing except the event data of raised events.
/// </para>
/// <para>Not thread-safe: use one scheduler from one training loop.</para>
/// </remarks>
public sealed class GroupScheduler
{
    /// <summary>The most <see cref="CycleEnded"/>/<see cref="Restarted"/> pairs one <see cref="Advance"/> raises.</summary>
    public const int MaxCycleEventPairsPerStep = 16;

    /// <summary>The version of the JSON written by <see cref="SaveState"/>.</summary>
    public const int StateFormatVersion = 1;

    private const long MaxFractionTable = 1 << 16; // steps per epoch up to which Advance reads the fraction from a table

    private readonly IParameterGroups _groups;
    private readonly Schedule[] _schedules; // one per group
    private readonly double[] _baseRates; // used when relative
    private readonly double[] _rates;
    private readonly bool _relative;
    private readonly Schedule? _momentum;
    private readonly PlateauReduction? _plateau;
    private readonly Schedule _cycleSchedule;
    private readonly CycleCache[] _caches; // one per group (filled for the first of groups sharing a schedule); _caches[0] also serves the cycle events
    private readonly bool _hasCycles;
    private readonly long _stepsPerEpoch; // 1 for a step clock (also default(TrainingClock))
    private readonly bool _fractional; // progress = epochs + within / stepsPerEpoch, else whole epochs
    private readonly double[]? _fractions; // (double)within / stepsPerEpoch for every within, when fractional and not too many
    private readonly WarmRestartsSchedule? _heldSchedule; // group 0's schedule when it is the warm-restarts engine itself
    private readonly bool _uniform; // one rate for all groups: one schedule, no relative rates, plateau or momentum
    private CycleCache _momentumCache;
    private long _heldUntil; // Advance's fast path: below this step group 0's cached cycle holds the progress (0: unknown)
    private long _cycleIndex;
    private long _epoch; // Step / _stepsPerEpoch, kept so that Advance divides nothing
    private long _withinEpoch; // Step % _stepsPerEpoch

    /// <summary>Creates a scheduler with one schedule for all groups.</summary>
    /// <param name="groups">The optimizer's parameter groups.</param>
    /// <param name="schedule">The schedule every group follows.</param>
    /// <param name="clock">Turns steps into the schedule's progress unit.</param>
    /// <param name="options">Optional parts: relative rates, momentum, plateau.</param>
    /// <exception cref="ScheduleArgumentException">An argument or option is invalid.</exception>
    public GroupScheduler(IParameterGroups groups, Schedule schedule, TrainingClock clock, GroupSchedulerOptions? options = null)
        : this(groups, [Guard.NotNull(schedule, nameof(schedule), "give the schedule the groups follow")], clock, options)
    {
    }

    /// <summary>Creates a scheduler.</summary>
    /// <param name="groups">The optimizer's parameter groups.</param>
    /// <param name="schedules">One schedule for all groups, or one per group.</param>
    /// <param name="clock">Turns steps into the schedules' progress unit.</param>
    /// <param name="options">Optional parts: relative rates, momentum, plateau.</param>
    /// <exception cref="ScheduleArgumentException">An argument or option is invalid.</exception>
    public GroupScheduler(IParameterGroups groups, IReadOnlyList<Schedule> schedules, TrainingClock clock, GroupSchedulerOptions? options = null)
    {
        _groups = Guard.NotNull(groups, nameof(groups), "give the optimizer's parameter groups, e.g. new ParameterGroups(0.1)");
        var count = groups.Count;
        if (count < 1)
        {
            throw Guard.Fail(nameof(groups), "at least one parameter group", Show(count) + " groups", "give an optimizer with parameters");
        }

        Guard.NotNull(schedules, nameof(schedules), "give one schedule for all groups or one per group");
        if (schedules.Count != 1 && schedules.Count != count)
        {
            throw Guard.Fail(nameof(schedules), $"one schedule for all groups or one per group ({Show(count)})", Show(schedules.Count) + " schedules",
                "give one schedule, or one for each parameter group");
        }

        _schedules = new Schedule[count];
        for (var g = 0; g < count; g++)
        {
            var index = schedules.Count == 1 ? 0 : g;
            _schedules[g] = schedules[index] ?? throw Guard.Fail($"schedules[{Show(index)}]", "a schedule", "null", "give a schedule for every group");
        }

        Clock = clock;
        _stepsPerEpoch = clock.Unit == ProgressUnit.Epochs ? clock.StepsPerEpoch : 1;
        _fractional = _stepsPerEpoch != 1 && clock.Fractional;
        if (_fractional && _stepsPerEpoch <= MaxFractionTable)
        {
            // The same divisions Advance would do, done once: a table read instead of a division per step.
            _fractions = new double[_stepsPerEpoch];
            for (var within = 0; within < _fractions.Length; within++)
            {
                _fractions[within] = (double)within / _stepsPerEpoch;
            }
        }

        options ??= new GroupSchedulerOptions();
        _relative = options.RelativeToBaseRate;
        _baseRates = new double[count];
        if (_relative)
        {
            for (var g = 0; g < count; g++)
            {
                _baseRates[g] = Guard.NonNegative(groups.GetBaseRate(g), $"baseRate[{Show(g)}]", "give parameter groups whose initial rates are finite and >= 0");
            }
        }

        _momentum = options.Momentum;
        if (_momentum is not null && !groups.SupportsMomentum)
        {
            throw Guard.Fail("momentum", "null when the optimizer has no momentum", _momentum.ToString(),
                "drop the momentum schedule or use an optimizer with a momentum (SGD with momentum, Adam's beta1)");
        }

        _plateau = options.Plateau is { } plateau ? new PlateauReduction(plateau, count) : null;
        _rates = new double[count];
        _caches = new CycleCache[count];
        Rates = Array.AsReadOnly(_rates);
        _cycleSchedule = _schedules[0];
        _heldSchedule = _cycleSchedule as WarmRestartsSchedule;
        _uniform = !_relative && _plateau is null && _momentum is null && Array.TrueForAll(_schedules, s => ReferenceEquals(s, _cycleSchedule));
        _hasCycles = _cycleSchedule.TryGetCycle(0, out _);
        Description = Describe();
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Description)));
        MoveTo(0);
    }

    /// <summary>Raised by <see cref="Advance"/> when a cycle of group 0's schedule ends, including the last one of a cycle limit.</summary>
    public event EventHandler<CycleEventArgs>? CycleEnded;

    /// <summary>Raised by <see cref="Advance"/> when a new cycle of group 0's schedule starts (a warm restart; never for cycle 0).</summary>
    public event EventHandler<CycleEventArgs>? Restarted;

    /// <summary>The clock that turns steps into progress.</summary>
    public TrainingClock Clock { get; }

    /// <summary>The optimizer steps taken.</summary>
    public long Step { get; private set; }

    /// <summary>The schedule progress at <see cref="Step"/>: <c>Clock.ProgressAt(Step)</c>.</summary>
    public double Progress { get; private set; }

    /// <summary>The current rate of each group, as last written (a live view; reading it allocates nothing).</summary>
    public IReadOnlyList<double> Rates { get; }

    /// <summary>Copies the current rates (<see cref="Rates"/>) into <paramref name="destination"/>, allocating nothing.</summary>
    /// <param name="destination">Room for one rate per group.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the number of groups.</exception>
    public void CopyRatesTo(Span<double> destination)
    {
        var rates = _rates;
        if (destination.Length < rates.Length)
        {
            throw new ArgumentException($"destination must have room for {Show(rates.Length)} rates, but had {Show(destination.Length)}; pass a span of at least one element per group", nameof(destination));
        }

        // A plain loop: for the usual one to a few groups it is cheaper than a block copy (this runs every step()).
        for (var g = 0; g < rates.Length; g++)
        {
            destination[g] = rates[g];
        }
    }

    /// <summary>The current momentum, or NaN when no momentum schedule is set.</summary>
    public double Momentum { get; private set; } = double.NaN;

    /// <summary>The plateau reduction, or <see langword="null"/> when none is configured.</summary>
    public PlateauReduction? Plateau => _plateau;

    /// <summary>
    /// The readable description of the setup that saved states are checked against: the schedule spec(s), the clock,
    /// and any group count, relative base rates, momentum and plateau options, e.g.
    /// <c>warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=2.0) [clock steps]</c>.
    /// </summary>
    public string Description { get; }

    /// <summary>The SHA-256 (lower-case hex) of <see cref="Description"/>, UTF-8 encoded.</summary>
    public string Fingerprint { get; }

    /// <summary>Takes one step: <see cref="Step"/> + 1, recomputes the rates, writes them to the groups and raises cycle events.</summary>
    /// <exception cref="InvalidOperationException">The step count would overflow.</exception>
    public void Advance()
    {
        if (Step == long.MaxValue)
        {
            throw new InvalidOperationException("the scheduler is at the last representable step; start a new run");
        }

        Step++;
        if (++_withinEpoch == _stepsPerEpoch)
        {
            _withinEpoch = 0;
            _epoch++;
        }

        // Clock.ProgressAt(Step), without the divisions: the same arithmetic as TrainingClock.ProgressAt(epochs, within).
        Progress = !_fractional ? _epoch
            : _fractions is not null ? _epoch + _fractions[_withinEpoch]
            : _epoch + ((double)_withinEpoch / _stepsPerEpoch);
        if (Step < _heldUntil)
        {
            // Group 0 is still in the cycle it was in (found once per cycle, below): its value comes straight from the
            // cycle kept, and the cycle index, so the events, cannot have changed.
            if (_uniform)
            {
                var rate = _heldSchedule!.EvaluateHeld(Progress, in _caches[0]);
                var rates = _rates;
                for (var g = 0; g < rates.Length; g++)
                {
                    rates[g] = rate;
                }

                _groups.SetAllRates(rate);
            }
            else
            {
                ApplyRates(held: true);
            }

            return;
        }

        ApplyRates();
        if (!_hasCycles)
        {
            return;
        }

        long index;
        var pastLimit = false;
        ref var cache = ref _caches[0];
        if (cache.HoldsProgress(_cycleSchedule, Schedule.ClampProgress(Progress)))
        {
            index = cache.Index;
        }
        else
        {
            index = _cycleSchedule.CycleIndexCached(Progress, ref cache, out pastLimit);
        }

        var previous = _cycleIndex;
        _cycleIndex = index;
        _heldUntil = HeldUntil();
        if (index > previous && (CycleEnded is not null || Restarted is not null))
        {
            RaiseCycleEvents(previous, index, pastLimit);
        }
    }

    /// <summary>Jumps to step <paramref name="step"/> in O(1) (resume): recomputes and writes the rates. Raises no events; the plateau state is kept.</summary>
    /// <param name="step">The steps taken, &gt;= 0.</param>
    /// <exception cref="ScheduleArgumentException"><paramref name="step"/> is negative.</exception>
    public void SeekTo(long step)
    {
        if (step < 0)
        {
            throw Guard.Fail(nameof(step), "an integer >= 0", Show(step), "give the number of optimizer steps already taken");
        }

        MoveTo(step);
    }

    /// <summary>
    /// Reports an evaluation metric to the plateau reduction (PyTorch's <c>ReduceLROnPlateau.step(metrics)</c>);
    /// when a reduction is due it is applied to the current rates and the new rates are written at once.
    /// </summary>
    /// <param name="metric">The metric (a loss in <see cref="PlateauMode.Min"/>, an accuracy in <see cref="PlateauMode.Max"/>); NaN counts as no improvement.</param>
    /// <returns>Whether a reduction was applied to at least one group.</returns>
    /// <exception cref="InvalidOperationException">No plateau is configured.</exception>
    public bool ReportMetric(double metric)
    {
        if (_plateau is null)
        {
            throw new InvalidOperationException("ReportMetric needs a plateau reduction, but this scheduler has none; set GroupSchedulerOptions.Plateau when building it");
        }

        if (!_plateau.Report(metric) || !_plateau.Reduce(_rates))
        {
            return false;
        }

        ApplyRates();
        return true;
    }

    /// <summary>Saves the scheduler's state as JSON: format version, setup fingerprint and description, step and plateau state.</summary>
    /// <returns>The JSON text, for <see cref="LoadState"/>.</returns>
    public string SaveState() => SchedulerStateJson.Write(StateFormatVersion, Fingerprint, Description, Step, _plateau);

    /// <summary>
    /// Loads a state saved by <see cref="SaveState"/> of a scheduler with the same setup, in O(1): sets the step and
    /// plateau state and writes the rates. All or nothing: on failure nothing changes.
    /// </summary>
    /// <param name="json">The text <see cref="SaveState"/> returned.</param>
    /// <exception cref="SchedulerStateException">The text is not a valid saved state, has another format version, or was saved for a different setup.</exception>
    public void LoadState(string json)
    {
        Guard.NotNull(json, nameof(json), "pass the text SaveState returned");
        var state = SchedulerStateJson.Read(json, StateFormatVersion, _schedules.Length, _plateau?.Options.Cooldown);
        if (!string.Equals(state.Fingerprint, Fingerprint, StringComparison.Ordinal))
        {
            throw new SchedulerStateException(
                $"scheduler state was saved for {state.Description} but this scheduler runs {Description}; load it into a scheduler built with the same schedule, or start a new run");
        }

        if ((_plateau is null) != (state.Scales is null))
        {
            throw new SchedulerStateException("scheduler state does not match its setup (plateau state present or missing); pass the exact text SaveState returned");
        }

        if (_plateau is not null)
        {
            _plateau.Restore(state.Best, state.NumBadEpochs, state.CooldownCounter, state.LastEpoch, state.Scales);
        }

        MoveTo(state.Step);
    }

    private static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sets the step, writes its rates and takes its cycle as the current one (no events).</summary>
    private void MoveTo(long step)
    {
        SetStep(step);
        if (_hasCycles)
        {
            _cycleIndex = _cycleSchedule.CycleIndexCached(Progress, ref _caches[0], out _);
        }
    }

    /// <summary>
    /// The first step after <see cref="Step"/> at which group 0's cached cycle no longer holds the progress, or 0 when
    /// it does not hold now. The progress never decreases from step to step, so the cycle holds every step in between:
    /// there <see cref="WarmRestartsSchedule.EvaluateHeld"/> gives what <see cref="Schedule.EvaluateCached"/> would.
    /// </summary>
    private long HeldUntil()
    {
        if (_heldSchedule is null || !Holds(Step))
        {
            return 0;
        }

        // Exponential then binary search for the first step that leaves the cycle: a few dozen progress values, once
        // per cycle. Steps past long.MaxValue do not exist (Advance stops there).
        long inside = Step, gap = 1, outside;
        while (true)
        {
            var probe = inside > long.MaxValue - gap ? long.MaxValue : inside + gap;
            if (!Holds(probe))
            {
                outside = probe;
                break;
            }

            if (probe == long.MaxValue)
            {
                return long.MaxValue;
            }

            inside = probe;
            gap = gap < (1L << 62) ? gap * 2 : gap;
        }

        while (outside - inside > 1)
        {
            var middle = inside + ((outside - inside) / 2);
            if (Holds(middle))
            {
                inside = middle;
            }
            else
            {
                outside = middle;
            }
        }

        return outside;
    }

    /// <summary>Whether group 0's cached cycle holds the progress of <paramref name="step"/> (within the progress range, unclamped).</summary>
    private bool Holds(long step)
    {
        var t = Clock.ProgressAt(step / _stepsPerEpoch, step % _stepsPerEpoch);
        return t <= Schedule.MaxProgress && _caches[0].HoldsProgress(_cycleSchedule, t);
    }

    private void SetStep(long step)
    {
        _heldUntil = 0;
        Step = step;
        _epoch = step / _stepsPerEpoch;
        _withinEpoch = step % _stepsPerEpoch;
        Progress = Clock.ProgressAt(_epoch, _withinEpoch);
        ApplyRates();
    }

    /// <summary>Computes and writes every group's rate (and the momentum) at <see cref="Progress"/>.</summary>
    /// <param name="held">Whether group 0's cached cycle is known to hold the progress (<see cref="HeldUntil"/>).</param>
    private void ApplyRates(bool held = false)
    {
        var t = Progress;
        Schedule? evaluated = null;
        var value = 0.0;
        if (held)
        {
            value = _heldSchedule!.EvaluateHeld(t, in _caches[0]);
            evaluated = _heldSchedule;
        }

        for (var g = 0; g < _rates.Length; g++)
        {
            var schedule = _schedules[g];
            if (!ReferenceEquals(schedule, evaluated))
            {
                // A group that shares the previous group's schedule (one schedule for all groups) shares its value: a
                // pure function of the same progress. The warm-restarts engine is sealed: called without a virtual call.
                value = schedule is WarmRestartsSchedule restarts
                    ? restarts.EvaluateCached(t, ref _caches[g])
                    : schedule.EvaluateCached(t, ref _caches[g]);
                evaluated = schedule;
            }

            var rate = value;
            if (_relative)
            {
                rate *= _baseRates[g];
            }

            if (_plateau is not null)
            {
                rate = _plateau.Apply(g, rate);
            }

            _rates[g] = rate;
            _groups.SetRate(g, rate);
        }

        if (_momentum is not null)
        {
            var momentum = _momentum.EvaluateCached(t, ref _momentumCache);
            Momentum = momentum;
            for (var g = 0; g < _rates.Length; g++)
            {
                _groups.SetMomentum(g, momentum);
            }
        }
    }

    private void RaiseCycleEvents(long previous, long current, bool pastLimit)
    {
        var first = Math.Max(previous, current - MaxCycleEventPairsPerStep);
        for (var k = first; k < current; k++)
        {
            CycleEnded?.Invoke(this, new CycleEventArgs(k, Step, Progress));
            if (k + 1 < current || !pastLimit)
            {
                Restarted?.Invoke(this, new CycleEventArgs(k + 1, Step, Progress));
            }
        }
    }

    private string Describe()
    {
        var text = new StringBuilder();
        var same = Array.TrueForAll(_schedules, s => s == _schedules[0]);
        if (same)
        {
            text.Append(_schedules[0].ToString());
        }
        else
        {
            text.Append('[').AppendJoin(", ", _schedules.Select(s => s.ToString())).Append(']');
        }

        text.Append(" [clock ").Append(Clock.ToString()).Append(']');
        if (_schedules.Length != 1)
        {
            text.Append(" [groups ").Append(Show(_schedules.Length)).Append(']');
        }

        if (_relative)
        {
            text.Append(" [relative to base rates [").AppendJoin(", ", _baseRates.Select(SpecWriter.FormatNumber)).Append("]]");
        }

        if (_momentum is not null)
        {
            text.Append(" [momentum ").Append(_momentum.ToString()).Append(']');
        }

        if (_plateau is not null)
        {
            var expanded = _plateau.Options with { MinRates = _plateau.MinRates };
            text.Append(" [").Append(expanded.ToString()).Append(']');
        }

        return text.ToString();
    }
}
