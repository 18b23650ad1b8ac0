using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;

namespace WarmRestarts.Specs;

/// <summary>The library's own schedule names: exactly what each schedule's <see cref="Schedule.ToString"/> writes.</summary>
internal static class NativeSpecs
{
    public static IEnumerable<SpecFunction> Functions()
    {
        yield return Native("warm_restarts", ["peak", "floor", "first_cycle", "cycle_growth", "peak_decay", "decay_mode", "floor_decay", "cycle_limit", "warmup", "warmup_mode", "warmup_start", "shape"], r =>
            new WarmRestartsSchedule(new WarmRestartsOptions
            {
                Peak = r.RequiredNumber("peak", "0.1"),
                Floor = r.Number("floor", 0.0),
                FirstCycle = r.RequiredNumber("first_cycle", "10"),
                CycleGrowth = r.Number("cycle_growth", 1.0),
                PeakDecay = r.Number("peak_decay", 1.0),
                DecayMode = r.Choice("decay_mode", "peak", "peak", "amplitude") == "peak" ? PeakDecayMode.Peak : PeakDecayMode.Amplitude,
                FloorDecay = r.Number("floor_decay", 1.0),
                CycleLimit = CycleLimit(r, "cycle_limit"),
                Warmup = r.Number("warmup", 0.0),
                WarmupMode = r.Choice("warmup_mode", "once", "once", "every_cycle") == "once" ? WarmupMode.Once : WarmupMode.EveryCycle,
                WarmupStart = r.OptionalNumber("warmup_start"),
                Shape = Shape(r, "shape", CycleShape.Cosine),
            }));
        yield return Native("constant", ["value"], r => new ConstantSchedule(r.RequiredNumber("value", "0.1")));
        yield return Native("step", ["initial", "step_size", "gamma"], r =>
            new StepSchedule(r.RequiredNumber("initial", "0.1"), r.RequiredNumber("step_size", "30"), r.RequiredNumber("gamma", "0.1")));
        yield return Native("multi_step", ["initial", "milestones", "gamma"], r =>
            new MultiStepSchedule(r.RequiredNumber("initial", "0.1"), Numbers(r, "milestones", "[30, 60]"), r.RequiredNumber("gamma", "0.1")));
        yield return Native("exponential", ["initial", "decay_rate", "decay_length", "staircase", "end"], r =>
            new ExponentialSchedule(r.RequiredNumber("initial", "0.1"), r.RequiredNumber("decay_rate", "0.95"), r.Number("decay_length", 1.0), r.Bool("staircase", false), r.OptionalNumber("end")));
        yield return Native("cosine_annealing", ["peak", "floor", "length", "exponent", "periodic"], r =>
            new CosineAnnealingSchedule(r.RequiredNumber("peak", "0.1"), r.Number("floor", 0.0), r.RequiredNumber("length", "100"), r.Number("exponent", 1.0), r.Bool("periodic", false)));
        yield return Native("linear", ["start", "end", "length"], r =>
            new LinearSchedule(r.RequiredNumber("start", "0.1"), r.RequiredNumber("end", "0.0"), r.RequiredNumber("length", "100")));
        yield return Native("polynomial", ["start", "end", "length", "power", "cycle"], r =>
            new PolynomialSchedule(r.RequiredNumber("start", "0.1"), r.RequiredNumber("end", "0.0"), r.RequiredNumber("length", "100"), r.Number("power", 1.0), r.Bool("cycle", false)));
        yield return Native("inverse_time", ["initial", "decay_rate", "decay_length", "staircase"], r =>
            new InverseTimeSchedule(r.RequiredNumber("initial", "0.1"), r.RequiredNumber("decay_rate", "0.5"), r.RequiredNumber("decay_length", "100"), r.Bool("staircase", false)));
        yield return Native("inverse_square_root", ["peak", "timescale"], r =>
            new InverseSquareRootSchedule(r.RequiredNumber("peak", "0.1"), r.RequiredNumber("timescale", "4000")));
        yield return Native("piecewise_constant", ["boundaries", "values", "inclusive_boundaries"], r =>
            new PiecewiseConstantSchedule(Numbers(r, "boundaries", "[30, 60]"), Numbers(r, "values", "[0.1, 0.01, 0.001]"), r.Bool("inclusive_boundaries", false)));
        yield return Native("piecewise_linear", ["progress", "values", "interpolation"], r =>
        {
            var interpolation = r.Choice("interpolation", "linear", "linear", "cosine") == "linear" ? Interpolation.Linear : Interpolation.Cosine;
            var progress = Numbers(r, "progress", "[0, 10, 100]");
            var values = Numbers(r, "values", "[0.0, 0.1, 0.0]");
            if (progress.Count != values.Count)
            {
                throw r.Error("values", $"expected one value per progress point ({progress.Count}), but got {values.Count}; give as many values as points");
            }

            if (progress.Count < 2)
            {
                throw r.Error("progress", $"expected at least two points, but got {progress.Count}; give the progress at the start and at the end at least, e.g. progress=[0, 100], values=[0.1, 0.0]");
            }

            try
            {
                return new PiecewiseLinearSchedule(progress.Zip(values, (t, v) => new SchedulePoint(t, v)), interpolation);
            }
            catch (ScheduleArgumentException error) when (error.ParamName == "points")
            {
                throw new SpecException(r.PositionOf("progress"), $"progress and values of piecewise_linear: {error.Message.TrimEnd('.')}", error);
            }
        });
        yield return Native("cyclic", ["base_rate", "max_rate", "step_size_up", "step_size_down", "mode", "gamma"], r =>
            new CyclicSchedule(
                r.RequiredNumber("base_rate", "0.001"),
                r.RequiredNumber("max_rate", "0.006"),
                r.RequiredNumber("step_size_up", "2000"),
                r.OptionalNumber("step_size_down"),
                r.Choice("mode", "triangular", "triangular", "triangular2", "exp_range") switch
                {
                    "triangular" => CyclicMode.Triangular,
                    "triangular2" => CyclicMode.Triangular2,
                    _ => CyclicMode.ExpRange,
                },
                r.Number("gamma", 1.0)));
        yield return Native("one_cycle", ["max_rate", "total", "pct_start", "anneal", "three_phase", "extrapolate", "div_factor", "final_div_factor"], r =>
            new OneCycleSchedule(
                r.RequiredNumber("max_rate", "0.1"),
                r.RequiredNumber("total", "1000"),
                r.Number("pct_start", 0.3),
                Anneal(r),
                r.Number("div_factor", 25.0),
                r.Number("final_div_factor", 1e4),
                r.Bool("three_phase", false),
                r.Bool("extrapolate", false)));
        yield return Native("one_cycle_momentum", ["base_momentum", "max_momentum", "total", "pct_start", "anneal", "three_phase", "extrapolate"], r =>
            new OneCycleMomentumSchedule(
                r.RequiredNumber("total", "1000"),
                r.Number("base_momentum", 0.85),
                r.Number("max_momentum", 0.95),
                r.Number("pct_start", 0.3),
                Anneal(r),
                r.Bool("three_phase", false),
                r.Bool("extrapolate", false)));
        yield return Native("warmup_stable_decay", ["peak", "warmup", "stable", "decay", "floor", "decay_shape", "warmup_start"], r =>
            new WarmupStableDecaySchedule(
                r.RequiredNumber("peak", "0.1"),
                r.RequiredNumber("warmup", "100"),
                r.RequiredNumber("stable", "800"),
                r.RequiredNumber("decay", "100"),
                r.Number("floor", 0.0),
                Shape(r, "decay_shape", CycleShape.Linear),
                r.Number("warmup_start", 0.0)));
        yield return Native("warmup", ["schedule", "length", "start"], r =>
            new WarmupSchedule(Nested(r, "schedule"), r.RequiredNumber("length", "5"), r.Number("start", 0.0)));
        yield return Native("sequence", ["schedules", "boundaries", "restart_clock"], r =>
            new SequenceSchedule(NestedList(r, "schedules"), Numbers(r, "boundaries", "[10]"), r.Bool("restart_clock", true)));
        yield return Native("product", ["schedules"], r => new ProductSchedule(NestedList(r, "schedules")));
        yield return Native("scale", ["schedule", "factor"], r => new ScaleSchedule(Nested(r, "schedule"), r.RequiredNumber("factor", "0.5")));
        yield return Native("clamp", ["schedule", "minimum", "maximum"], r =>
            new ClampSchedule(Nested(r, "schedule"), r.RequiredNumber("minimum", "0.0"), r.RequiredNumber("maximum", "0.1")));
        yield return Native("stretch", ["schedule", "factor"], r => new StretchSchedule(Nested(r, "schedule"), r.RequiredNumber("factor", "469")));
    }

    /// <summary>A cycle shape: 'cosine', 'linear', 'exponential', or step_halving(halvings=n), polynomial(power=p[, k=k]), k_decay(k=k), tanh(lower=l, upper=u).</summary>
    internal static CycleShape Shape(CallReader r, string name, CycleShape fallback)
    {
        var raw = r.Raw(name);
        switch (raw)
        {
            case null or SpecNone:
                return fallback;
            case SpecString text:
                return text.Value switch
                {
                    "cosine" => CycleShape.Cosine,
                    "linear" => CycleShape.Linear,
                    "exponential" => CycleShape.Exponential,
                    _ => throw r.Error(name, $"unknown shape '{text.Value}'{NameSuggestion.Hint(text.Value, ["cosine", "linear", "exponential", "step_halving", "polynomial", "k_decay", "tanh"])}"),
                };
            case SpecCall call:
                var shapeReader = new CallReader(call, call.Name, call.Name switch
                {
                    "step_halving" => ["halvings"],
                    "polynomial" => ["power", "k"],
                    "k_decay" => ["k"],
                    "tanh" => ["lower", "upper"],
                    _ => throw new SpecException(call.Position, $"unknown shape '{call.Name}'{NameSuggestion.Hint(call.Name, ["step_halving", "polynomial", "k_decay", "tanh"])}"),
                });
                try
                {
                    return call.Name switch
                    {
                        "step_halving" => CycleShape.StepHalving(checked((int)shapeReader.RequiredInteger("halvings", "3"))),
                        "polynomial" => CycleShape.Polynomial(shapeReader.RequiredNumber("power", "2.0"), shapeReader.Number("k", 1.0)),
                        "tanh" => CycleShape.HyperbolicTangent(shapeReader.Number("lower", -7.0), shapeReader.Number("upper", 3.0)),
                        _ => CycleShape.KDecayCosine(shapeReader.RequiredNumber("k", "2.0")),
                    };
                }
                catch (ScheduleArgumentException error)
                {
                    throw SpecBinder.Translate(error, shapeReader);
                }
                catch (OverflowException)
                {
                    throw shapeReader.Error("halvings", "expected a small positive integer; give e.g. 3");
                }

            default:
                throw r.WrongType(name, "a shape ('cosine', 'linear', 'exponential', step_halving(halvings=n), polynomial(power=p), k_decay(k=k) or tanh(lower=l, upper=u))", raw);
        }
    }

    internal static IReadOnlyList<double> Numbers(CallReader r, string name, string example) =>
        [.. (r.OptionalNumbers(name, allowScalar: false) ?? throw r.Missing(name, example)).Select(n => n.Value)];

    private static int? CycleLimit(CallReader r, string name)
    {
        var limit = r.OptionalInteger(name);
        return limit switch
        {
            null => null,
            > int.MaxValue => throw r.Error(name, $"expected at most {int.MaxValue} cycles, but got {limit}; leave it out for no limit"),
            _ => (int)limit.Value,
        };
    }

    private static OneCycleAnneal Anneal(CallReader r) =>
        r.Choice("anneal", "cos", "cos", "linear") == "cos" ? OneCycleAnneal.Cosine : OneCycleAnneal.Linear;

    private static Schedule Nested(CallReader r, string name)
    {
        var raw = r.Raw(name) ?? throw r.Missing(name, "cosine_annealing(peak=0.1, length=100)");
        return SpecBinder.BindFixed(raw, $"{name} of {r.DisplayName}").Fixed!;
    }

    private static IReadOnlyList<Schedule> NestedList(CallReader r, string name)
    {
        var items = r.OptionalList(name) ?? throw r.Missing(name, "[constant(value=0.1), cosine_annealing(peak=0.1, length=90)]");
        return [.. items.Select(item => SpecBinder.BindFixed(item, $"{name} of {r.DisplayName}").Fixed!)];
    }

    private static SpecFunction Native(string name, string[] parameters, Func<CallReader, Schedule> build) =>
        new(name, parameters, reader => Bound.Of(build(reader)));
}
