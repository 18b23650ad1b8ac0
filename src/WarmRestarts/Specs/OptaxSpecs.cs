using WarmRestarts.Combinators;
using WarmRestarts.Family;
using static WarmRestarts.Specs.UpstreamChecks;

namespace WarmRestarts.Specs;

/// <summary>
/// optax's schedule functions by their own names, arguments and defaults (<c>optax/schedules/_schedule.py</c>,
/// <c>_join.py</c>), as schedules of the update count: the value at <c>t</c> is <c>schedule(t)</c>, absolute rates,
/// fractional <c>t</c> allowed. Nested schedules are nested calls; <c>boundaries_and_scales</c> is a dict with
/// integer keys; <c>sgdr_schedule</c> takes a list of dicts of <c>warmup_cosine_decay_schedule</c> arguments.
/// </summary>
/// <remarks>
/// <para>
/// Each is built from the core schedules the way optax builds it: <c>join_schedules</c> is a sequence whose pieces
/// restart their clock at each boundary (switching on <c>step &lt; boundary</c>); <c>warmup_cosine_decay_schedule</c>
/// joins a linear warm-up and a cosine of <c>decay_steps − warmup_steps</c> (optax's <c>decay_steps</c> includes the
/// warm-up); <c>sgdr_schedule</c> joins such pieces; the one-cycle schedules interpolate, linearly or by half cosines,
/// between optax's cumulative boundary values (with optax's <c>int(pct · transition_steps)</c> keys, so a collapsed
/// key behaves as upstream). optax's silent fallbacks are kept: <c>transition_steps &lt;= 0</c> (and
/// <c>decay_rate == 0</c> for <c>exponential_decay</c>) give the constant <c>init_value</c>, a negative
/// <c>transition_begin</c> counts as 0, and <c>end_value</c> bounds an exponential decay from below (growth from
/// above).
/// </para>
/// <para>
/// Refused although optax accepts them, because the result is wrong: negative rates or <c>warmup_steps</c>, exponents
/// &lt;= 0, negative decay rates (NaN between steps); <c>join_schedules</c> boundaries that are unsorted, not above 0 or
/// not one fewer than the schedules (optax silently skips pieces); an <c>end_value</c> on the wrong side of
/// <c>init_value</c> (the schedule would be the constant bound) or above <c>peak_value</c>; one-cycle fractions outside
/// [0, 1] or with <c>pct_final &lt; pct_start</c>. Also refused, as upstream: what optax rejects at construction, and
/// what fails at the first call (an empty <c>sgdr_schedule</c>).
/// </para>
/// </remarks>
internal static class OptaxSpecs
{
    private static readonly string[] WarmupCosineParameters = ["init_value", "peak_value", "warmup_steps", "decay_steps", "end_value", "exponent"];

    public static IEnumerable<SpecFunction> Functions()
    {
        yield return Optax("constant_schedule", ["value"], r => new ConstantSchedule(Rate(r, "value", "0.1")));

        yield return Optax("polynomial_schedule", ["init_value", "end_value", "power", "transition_steps", "transition_begin"], r =>
            Polynomial(r, Exponent(r, "power", null, "2.0")));

        yield return Optax("linear_schedule", ["init_value", "end_value", "transition_steps", "transition_begin"], r => Polynomial(r, 1.0));

        yield return Optax("piecewise_constant_schedule", ["init_value", "boundaries_and_scales"], r =>
        {
            var init = Rate(r, "init_value", "0.1");
            var raw = r.Raw("boundaries_and_scales");
            if (raw is null or SpecNone)
            {
                return new ConstantSchedule(init);
            }

            if (raw is not SpecDict dict)
            {
                throw r.WrongType("boundaries_and_scales", "a dict {step: scale, ...}", raw);
            }

            var entries = new SortedDictionary<double, double>();
            foreach (var (key, value) in dict.Entries)
            {
                if (key is not SpecNumber { IsInteger: true } step)
                {
                    throw new SpecException(key.Position, $"boundaries_and_scales of {r.DisplayName}: expected integer steps as keys, but got {CallReader.Show(key)}; write e.g. {{100: 0.1, 200: 0.1}}");
                }

                if (value is not SpecNumber scale)
                {
                    throw new SpecException(value.Position, $"boundaries_and_scales of {r.DisplayName}: expected a number as the scale of step {CallReader.Show(step)}, but got {CallReader.Show(value)}");
                }

                if (!(scale.Value >= 0) || !double.IsFinite(scale.Value))
                {
                    throw new SpecException(value.Position, $"`piecewise_constant_schedule` expects non-negative scale factors, but step {CallReader.Show(step)} has {CallReader.Show(scale)} (in {r.DisplayName}); give a finite scale >= 0");
                }

                if (step.Value < 0)
                {
                    throw new SpecException(key.Position, $"boundaries_and_scales of {r.DisplayName}: step {CallReader.Show(step)} is before step 0, so its scale applies from the start; multiply init_value by it instead");
                }

                if (!entries.TryAdd(step.Value, scale.Value))
                {
                    throw new SpecException(key.Position, $"boundaries_and_scales of {r.DisplayName}: step {CallReader.Show(step)} appears twice (a Python dict keeps only the last); give each step once");
                }
            }

            // optax multiplies the scales into the value in increasing step order: v = scale * v.
            var values = new List<double> { init };
            foreach (var scale in entries.Values)
            {
                values.Add(scale * values[^1]);
            }

            if (values.Any(v => !double.IsFinite(v)))
            {
                throw r.Error("boundaries_and_scales", "the product of the scales overflows; give smaller scales");
            }

            return new PiecewiseConstantSchedule(entries.Keys, values);
        });

        yield return Optax("exponential_decay", ["init_value", "transition_steps", "decay_rate", "transition_begin", "staircase", "end_value"], r =>
        {
            var init = Rate(r, "init_value", "0.1");
            var steps = Finite(r, "transition_steps", null, "1000");
            var rate = r.RequiredNumber("decay_rate", "0.96");
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw r.Error("decay_rate", $"expected a finite number >= 0, but got {Show(rate)}; a negative decay rate gives NaN between steps (optax accepts it); give e.g. decay_rate=0.96");
            }

            var begin = Math.Max(0.0, Finite(r, "transition_begin", 0.0));
            var staircase = r.Bool("staircase", false);
            double? end = r.Has("end_value") ? Rate(r, "end_value", "0.001") : null;
            if (steps <= 0 || rate == 0)
            {
                // optax: a constant init_value, end_value unused.
                return new ConstantSchedule(init);
            }

            if (end is { } bound && (rate < 1 ? bound > init : bound < init))
            {
                var side = rate < 1 ? "above" : "below";
                var kind = rate < 1 ? "a lower bound for decay_rate < 1" : "an upper bound for decay_rate >= 1";
                throw r.Error("end_value", $"{Show(bound)} is {side} init_value {Show(init)}, but end_value is {kind}, so the schedule would be the constant {Show(bound)} (optax accepts it silently); give an end_value on the other side of init_value, or leave it out");
            }

            var decay = new ExponentialSchedule(init, rate, steps, staircase, rate == 1 ? null : end);
            return Delayed(init, decay, begin);
        });

        yield return Optax("cosine_decay_schedule", ["init_value", "decay_steps", "alpha", "exponent"], r =>
        {
            var init = Rate(r, "init_value", "0.1");
            var decay = r.RequiredNumber("decay_steps", "1000");
            if (!(decay > 0) || !double.IsFinite(decay))
            {
                throw r.Error("decay_steps", $"The cosine_decay_schedule requires positive decay_steps, got decay_steps={Show(decay)}; give e.g. decay_steps=1000");
            }

            var alpha = Fraction(r, "alpha", 0.0, "alpha is the floor as a fraction of init_value: a negative one gives negative rates and one above 1 anneals upwards (optax accepts both)");
            return new CosineAnnealingSchedule(init, init * alpha, decay, Exponent(r, "exponent", 1.0, "1.0"));
        });

        yield return Optax("warmup_cosine_decay_schedule", WarmupCosineParameters, r => WarmupCosine(r).Schedule);

        yield return Optax("sgdr_schedule", ["cosine_kwargs"], r =>
        {
            var items = r.OptionalList("cosine_kwargs") ?? throw r.Missing("cosine_kwargs", "[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 100}]");
            if (items.Count == 0)
            {
                throw r.Error("cosine_kwargs", "expected at least one dict of warmup_cosine_decay_schedule arguments, but got [] (optax fails with IndexError at the first step)");
            }

            var pieces = new List<Schedule>();
            var boundaries = new List<double>();
            var step = 0.0;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not SpecDict dict)
                {
                    throw new SpecException(items[i].Position, $"cosine_kwargs of {r.DisplayName}: expected dicts of warmup_cosine_decay_schedule arguments, but item {i} is {items[i].Kind}; write e.g. {{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 100}}");
                }

                var keywords = new List<SpecKeywordArgument>();
                foreach (var (key, value) in dict.Entries)
                {
                    if (key is not SpecString name)
                    {
                        throw new SpecException(key.Position, $"cosine_kwargs[{i}] of {r.DisplayName}: expected argument names as string keys, but got {CallReader.Show(key)}");
                    }

                    keywords.Add(new SpecKeywordArgument(key.Position, name.Value, value));
                }

                var piece = WarmupCosine(new CallReader(new SpecCall(dict.Position, "optax.warmup_cosine_decay_schedule", [], keywords), $"cosine_kwargs[{i}] of {r.DisplayName}", WarmupCosineParameters));
                pieces.Add(piece.Schedule);
                step += piece.DecaySteps;
                boundaries.Add(step);
            }

            return pieces.Count == 1 ? pieces[0] : new SequenceSchedule(pieces, boundaries.Take(pieces.Count - 1));
        });

        yield return Optax("cosine_onecycle_schedule", ["transition_steps", "peak_value", "pct_start", "div_factor", "final_div_factor"], r =>
        {
            var steps = OneCycleSteps(r);
            var peak = Rate(r, "peak_value", "0.1");
            var start = Fraction(r, "pct_start", 0.3, "it is the fraction of transition_steps spent rising");
            var (div, finalDiv) = DivFactors(r);
            return OneCycle(peak / div, [(Math.Truncate(start * steps), div), (steps, 1.0 / (div * finalDiv))], Interpolation.Cosine);
        });

        yield return Optax("linear_onecycle_schedule", ["transition_steps", "peak_value", "pct_start", "pct_final", "div_factor", "final_div_factor"], r =>
        {
            var steps = OneCycleSteps(r);
            var peak = Rate(r, "peak_value", "0.1");
            var start = Fraction(r, "pct_start", 0.3, "it is the fraction of transition_steps spent rising");
            var final = Fraction(r, "pct_final", 0.85, "it is the fraction of transition_steps after which the final decay starts");
            if (final < start)
            {
                throw r.Error("pct_final", $"expected at least pct_start ({Show(start)}), but got {Show(final)}; optax accepts it but then sorts the phases into a different curve; raise pct_final or lower pct_start");
            }

            var (div, finalDiv) = DivFactors(r);
            return OneCycle(peak / div, [(Math.Truncate(start * steps), div), (Math.Truncate(final * steps), 1.0 / div), (steps, 1.0 / finalDiv)], Interpolation.Linear);
        });

        yield return new SpecFunction("optax.join_schedules", ["schedules", "boundaries"], r =>
        {
            var items = r.OptionalList("schedules") ?? throw r.Missing("schedules", "[optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=5), optax.cosine_decay_schedule(init_value=0.1, decay_steps=95)]");
            if (items.Count == 0)
            {
                throw r.Error("schedules", "expected at least one schedule, but got [] (optax fails with IndexError at the first step)");
            }

            var children = items.Select(item => SpecBinder.BindFixed(item, $"schedules of {r.DisplayName}")).ToList();
            var raw = r.OptionalNumbers("boundaries", allowScalar: false) ?? throw r.Missing("boundaries", "[5]");
            if (raw.Count != children.Count - 1)
            {
                throw r.Error("boundaries", $"expected one boundary fewer than schedules ({children.Count - 1}), but got {raw.Count}; optax accepts it and silently drops the schedules or boundaries that do not pair up");
            }

            var boundaries = Increasing(r, "boundaries", [.. raw.Select(b => b.Value)], double.Epsilon, "each boundary is where the next schedule takes over (on step >= boundary), so unsorted ones or one at 0 would skip a schedule silently (optax accepts them); sort them and keep them above 0");
            var schedules = children.Select(c => c.Fixed!).ToList();
            var schedule = schedules.Count == 1 ? schedules[0] : new SequenceSchedule(schedules, boundaries);
            var canonical = r.Canonical(new Dictionary<string, string> { ["schedules"] = "[" + string.Join(", ", children.Select(c => c.Spec)) + "]" });
            return new Bound(canonical, SpecOrigin.Optax, (_, _) => schedule, Unit: ProgressUnit.Steps);
        });
    }

    /// <summary>optax's <c>polynomial_schedule</c> (and <c>linear_schedule</c>, power 1).</summary>
    private static Schedule Polynomial(CallReader r, double power)
    {
        var init = Rate(r, "init_value", "0.1");
        var end = Rate(r, "end_value", "0.0");
        var steps = Finite(r, "transition_steps", null, "1000");
        var begin = Math.Max(0.0, Finite(r, "transition_begin", 0.0));

        // optax: transition_steps <= 0 is a constant init_value; the polynomial computes (init - end) * frac**power + end.
        return steps <= 0 ? new ConstantSchedule(init) : Delayed(init, new PolynomialSchedule(init, end, steps, power), begin);
    }

    /// <summary>Holds <paramref name="init"/> until <paramref name="begin"/>, then runs <paramref name="schedule"/> on its own clock (optax's <c>transition_begin</c>).</summary>
    private static Schedule Delayed(double init, Schedule schedule, double begin) =>
        begin > 0 ? new SequenceSchedule([new ConstantSchedule(init), schedule], [begin]) : schedule;

    /// <summary>optax's <c>warmup_cosine_decay_schedule</c>: <c>join_schedules([linear warm-up, cosine of decay_steps − warmup_steps], [warmup_steps])</c>.</summary>
    private static (Schedule Schedule, double DecaySteps) WarmupCosine(CallReader r)
    {
        var init = Rate(r, "init_value", "0.0");
        var peak = Rate(r, "peak_value", "0.1");
        var warmup = r.RequiredNumber("warmup_steps", "100");
        if (!double.IsFinite(warmup) || warmup < 0)
        {
            throw r.Error("warmup_steps", $"expected a finite number >= 0, but got {Show(warmup)}; a negative warm-up shifts the cosine to start part-way (optax accepts it); give 0 for none");
        }

        var decay = r.RequiredNumber("decay_steps", "1000");
        if (!double.IsFinite(decay) || !(decay - warmup > 0))
        {
            throw r.Error("decay_steps", $"expected more than warmup_steps ({Show(warmup)}), but got {Show(decay)}: it includes the warm-up, so the cosine would last {Show(decay - warmup)} steps (optax: The cosine_decay_schedule requires positive decay_steps); give e.g. decay_steps={Show(warmup + 1000)}");
        }

        var end = Rate(r, "end_value", "0.0", 0.0);
        if (end > peak)
        {
            throw r.Error("end_value", $"{Show(end)} is above peak_value {Show(peak)}, so the cosine would anneal upwards (optax accepts it); lower end_value or raise peak_value");
        }

        var exponent = Exponent(r, "exponent", 1.0, "1.0");
        var alpha = peak == 0.0 ? 0.0 : end / peak;
        var cosine = new CosineAnnealingSchedule(peak, peak * alpha, decay - warmup, exponent);
        var schedule = warmup > 0 ? new SequenceSchedule([new PolynomialSchedule(init, peak, warmup, 1.0), cosine], [warmup]) : (Schedule)cosine;
        return (schedule, decay);
    }

    private static double OneCycleSteps(CallReader r)
    {
        var steps = r.RequiredInteger("transition_steps", "1000");
        if (steps <= 0)
        {
            throw r.Error("transition_steps", $"A onecycle schedule needs a positive transition_steps, but got {steps} (optax raises ValueError); give e.g. transition_steps=1000");
        }

        return steps;
    }

    private static (double Div, double FinalDiv) DivFactors(CallReader r)
    {
        var div = r.Number("div_factor", 25.0);
        if (!double.IsFinite(div) || div <= 0)
        {
            throw r.Error("div_factor", $"expected a finite number > 0, but got {Show(div)} (0 divides by zero in optax, a negative one gives negative scales); give e.g. div_factor=25.0");
        }

        var finalDiv = r.Number("final_div_factor", 1e4);
        if (!double.IsFinite(finalDiv) || finalDiv <= 0)
        {
            throw r.Error("final_div_factor", $"expected a finite number > 0, but got {Show(finalDiv)} (0 divides by zero in optax, a negative one gives negative scales); give e.g. final_div_factor=1e4");
        }

        return (div, finalDiv);
    }

    /// <summary>
    /// optax's <c>piecewise_interpolate_schedule</c>: the dict <c>{step: scale}</c> built in the given order (a repeated
    /// step keeps the last scale), sorted, its scales multiplied up from <paramref name="init"/>, and each segment
    /// interpolated; a segment of length 0 never runs, so its end point replaces its start.
    /// </summary>
    private static PiecewiseLinearSchedule OneCycle(double init, (double Step, double Scale)[] keys, Interpolation interpolation)
    {
        var scales = new SortedDictionary<double, double>();
        foreach (var (step, scale) in keys)
        {
            scales[step] = scale;
        }

        var points = new List<SchedulePoint> { new(0.0, init) };
        var value = init;
        foreach (var (step, scale) in scales)
        {
            value *= scale;
            if (step == points[^1].Progress)
            {
                points[^1] = new SchedulePoint(step, value);
            }
            else
            {
                points.Add(new SchedulePoint(step, value));
            }
        }

        return new PiecewiseLinearSchedule(points, interpolation);
    }

    private static SpecFunction Optax(string name, string[] parameters, Func<CallReader, Schedule> build) =>
        new("optax." + name, parameters, r =>
        {
            var schedule = build(r);
            return new Bound(r.Canonical(), SpecOrigin.Optax, (_, _) => schedule, Unit: ProgressUnit.Steps);
        });
}
