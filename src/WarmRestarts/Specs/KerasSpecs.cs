using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;
using static WarmRestarts.Specs.UpstreamChecks;

namespace WarmRestarts.Specs;

/// <summary>
/// Keras 3's <c>keras.optimizers.schedules</c> classes by their own names, arguments and defaults
/// (<c>keras/src/optimizers/schedules/learning_rate_schedule.py</c>), as schedules of the update count: the value
/// at <c>t</c> is <c>schedule(t)</c>, absolute rates, fractional <c>t</c> allowed.
/// </summary>
/// <remarks>
/// <para>
/// Each is built from the core schedules: <c>CosineDecayRestarts</c> is the warm-restarts engine with the peak
/// decay on the amplitude (Keras's <c>m_mul</c> leaves the floor <c>alpha · initial_learning_rate</c> untouched);
/// <c>CosineDecay</c> a cosine annealing, behind a linear warm-up when <c>warmup_target</c> is given;
/// <c>PiecewiseConstantDecay</c> keeps each boundary in the segment before it; <c>PolynomialDecay(cycle=True)</c>
/// grows its horizon to the next multiple of <c>decay_steps</c>.
/// </para>
/// <para>
/// Differences from the upstream, each refused with a message where it is not a rounding matter:
/// <c>CosineDecayRestarts</c> gives the exact restart where the upstream's floating logarithm puts one in the previous
/// cycle (<c>first_decay_steps=1, t_mul=3</c>, step 121 with the C library's log: the upstream gives
/// <c>alpha · initial_learning_rate</c>, this the peak). Refused although Keras accepts them: <c>t_mul &lt; 1</c> (NaN once
/// the cycles run out), negative rates or <c>alpha</c>, <c>alpha &gt; 1</c> (annealing upwards), <c>m_mul</c> outside [0, 1],
/// <c>warmup_steps</c> without <c>warmup_target</c> (silently ignored upstream), unsorted or negative boundaries, and
/// exponents or decay rates that make the rate constant, negative or NaN. The <c>name</c> argument is kept in the
/// spec and otherwise ignored.
/// </para>
/// </remarks>
internal static class KerasSpecs
{
    private const string NonPositiveSteps = "Keras raises ValueError for it";

    public static IEnumerable<SpecFunction> Functions()
    {
        yield return Keras("CosineDecayRestarts", ["initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"], r =>
        {
            var initial = Rate(r, "initial_learning_rate", "0.1");
            var first = Positive(r, "first_decay_steps", "1000", NonPositiveSteps);
            var growth = r.Number("t_mul", 2.0);
            if (!double.IsFinite(growth) || growth < 1)
            {
                throw r.Error("t_mul", $"expected a number >= 1, but got {Show(growth)}; Keras accepts shrinking cycles but its cycle index becomes NaN once step / first_decay_steps reaches 1 / (1 - t_mul); give 1 for equal cycles or more for growing ones");
            }

            var peakDecay = r.Number("m_mul", 1.0);
            if (!(peakDecay >= 0 && peakDecay <= 1))
            {
                throw r.Error("m_mul", $"expected a number in [0, 1], but got {Show(peakDecay)}; restart peaks that grow (m_mul > 1) or flip sign (m_mul < 0) are not supported, though Keras accepts them; give e.g. m_mul=0.5");
            }

            var alpha = Fraction(r, "alpha", 0.0, "alpha is the floor as a fraction of initial_learning_rate: a negative one gives negative rates and one above 1 anneals upwards (Keras accepts both)");
            return new WarmRestartsSchedule(new WarmRestartsOptions
            {
                Peak = initial,
                Floor = initial * alpha,
                FirstCycle = first,
                CycleGrowth = growth,
                DecayMode = PeakDecayMode.Amplitude,

                // m_mul = 0: every cycle after the first is flat at the floor, which is a cycle limit of 1.
                PeakDecay = peakDecay == 0 ? 1.0 : peakDecay,
                CycleLimit = peakDecay == 0 ? 1 : null,
            });
        });

        yield return Keras("CosineDecay", ["initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"], r =>
        {
            var initial = Rate(r, "initial_learning_rate", "0.1");
            var decay = Positive(r, "decay_steps", "1000", NonPositiveSteps);
            var alpha = Fraction(r, "alpha", 0.0, "alpha is the floor as a fraction of the rate the cosine starts from: a negative one gives negative rates and one above 1 anneals upwards (Keras accepts both)");
            var warmup = r.Number("warmup_steps", 0.0);
            if (!double.IsFinite(warmup) || warmup < 0)
            {
                throw r.Error("warmup_steps", $"expected a finite number >= 0, but got {Show(warmup)}; give the warm-up length in steps, or 0 for none");
            }

            if (!r.Has("warmup_target"))
            {
                if (warmup > 0)
                {
                    throw r.Error("warmup_steps", $"has no effect without warmup_target (Keras accepts it and ignores it, so no warm-up would happen); add warmup_target=<the rate to warm up to>, or remove warmup_steps={Show(warmup)}");
                }

                return new CosineAnnealingSchedule(initial, initial * alpha, decay);
            }

            var target = Rate(r, "warmup_target", "0.1");
            var cosine = new CosineAnnealingSchedule(target, target * alpha, decay);
            return warmup > 0 ? new WarmupSchedule(cosine, warmup, initial) : cosine;
        });

        yield return Keras("ExponentialDecay", ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"], r =>
        {
            var initial = Rate(r, "initial_learning_rate", "0.1");
            var decay = Positive(r, "decay_steps", "1000", NonPositiveSteps);
            var rate = r.RequiredNumber("decay_rate", "0.96");
            if (!double.IsFinite(rate) || rate <= 0)
            {
                throw r.Error("decay_rate", $"expected a finite number > 0, but got {Show(rate)}; 0 drops the rate to 0 after the first step and a negative rate gives NaN between steps (Keras accepts both); give e.g. decay_rate=0.96");
            }

            return new ExponentialSchedule(initial, rate, decay, r.Bool("staircase", false));
        });

        yield return Keras("PiecewiseConstantDecay", ["boundaries", "values", "name"], r =>
        {
            var boundaries = r.OptionalNumbers("boundaries", allowScalar: false) ?? throw r.Missing("boundaries", "[100000, 110000]");
            var values = r.OptionalNumbers("values", allowScalar: false) ?? throw r.Missing("values", "[1.0, 0.5, 0.1]");
            if (boundaries.Count != values.Count - 1)
            {
                throw r.Error("values", $"The length of boundaries should be 1 less than the length of values, but got {boundaries.Count} boundaries and {values.Count} values; give one value before the first boundary and one after each");
            }

            if (boundaries.Count == 0)
            {
                throw r.Error("boundaries", "expected at least one boundary, but got [] (Keras fails with IndexError at the first step); for a constant rate use constant(value=...)");
            }

            var steps = Increasing(r, "boundaries", [.. boundaries.Select(b => b.Value)], 0.0, "Keras expects strictly increasing boundaries (it does not check them; unsorted ones give sums of several values)");
            for (var i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i].Value) || values[i].Value < 0)
                {
                    throw new SpecException(values[i].Position, $"values of {r.DisplayName}: expected finite rates >= 0, but item {i} is {Show(values[i].Value)}; give every rate as a number >= 0");
                }
            }

            return new PiecewiseConstantSchedule(steps, values.Select(v => v.Value), inclusiveBoundaries: true);
        });

        yield return Keras("PolynomialDecay", ["initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"], r =>
            new PolynomialSchedule(
                Rate(r, "initial_learning_rate", "0.1"),
                Rate(r, "end_learning_rate", "0.0001", 0.0001),
                Positive(r, "decay_steps", "10000", NonPositiveSteps),
                Exponent(r, "power", 1.0, "0.5"),
                r.Bool("cycle", false)));

        yield return Keras("InverseTimeDecay", ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"], r =>
        {
            var initial = Rate(r, "initial_learning_rate", "0.1");
            var decay = Positive(r, "decay_steps", "1.0", NonPositiveSteps);
            var rate = r.RequiredNumber("decay_rate", "0.5");
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw r.Error("decay_rate", $"expected a finite number >= 0, but got {Show(rate)}; a negative decay rate divides by zero and then gives negative rates (Keras accepts it); give e.g. decay_rate=0.5");
            }

            return new InverseTimeSchedule(initial, rate, decay, r.Bool("staircase", false));
        });
    }

    private static SpecFunction Keras(string name, string[] parameters, Func<CallReader, Schedule> build) =>
        new("keras." + name, parameters, r =>
        {
            if (r.Raw("name") is { } label and not SpecString and not SpecNone)
            {
                throw r.WrongType("name", "a string", label);
            }

            var schedule = build(r);
            return new Bound(r.Canonical(), SpecOrigin.Keras, (_, _) => schedule, Unit: ProgressUnit.Steps);
        });
}
