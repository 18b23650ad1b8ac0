using CsCheck;
using WarmRestarts.Family;
using WarmRestarts.Specs;
using WarmRestarts.Tests.Fuzzing;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// Fuzzing of the spec parser and binder (CsCheck): mutated valid specs, random text and deep nesting raise nothing
/// but <see cref="SpecException"/>, never hang, never overflow the stack (each case runs on a 1 MB stack with a
/// timeout), and every accepted spec gives finite rates &gt;= 0 at progress 0, fractional, huge and 2^53 (negative only
/// past the end of a one-cycle run that copies PyTorch's extrapolation at <c>total_steps</c>).
/// CI runs a few thousand cases; set WARMRESTARTS_FUZZ_ITERATIONS for a long run (docs/reliability.md).
/// </summary>
public class SpecFuzzTests
{
    [Fact]
    public void The_seed_specs_are_valid()
    {
        foreach (var spec in SpecFuzz.Valid)
        {
            var definition = ScheduleSpec.Parse(spec);
            Assert.NotEmpty(definition.RatesFor([.. Enumerable.Repeat(0.1, definition.GroupCount ?? 1)]));
        }
    }

    [Fact]
    public void Mutated_and_random_specs_raise_only_SpecException_and_accepted_ones_give_finite_rates()
    {
        SpecFuzz.Any.Sample(spec => SpecFuzz.Bounded(spec, () => Check(spec)), iter: SpecFuzz.Iterations(3000), threads: 1, print: SpecFuzz.Head);
    }

    [Fact]
    public void Deep_nesting_and_huge_inputs_are_answered_without_stack_overflow_or_hang()
    {
        foreach (var input in SpecFuzz.Deep())
        {
            SpecFuzz.Bounded(input, () => Check(input));
        }

        Assert.Throws<SpecException>(() => ScheduleSpec.Parse(SpecFuzz.Deep().First()));
    }

    /// <summary>The property: a one-line SpecException, or a definition whose canonical text reparses to itself and whose rates are finite.</summary>
    internal static void Check(string spec)
    {
        ScheduleDefinition definition;
        try
        {
            definition = ScheduleSpec.Parse(spec);
        }
        catch (SpecException error)
        {
            AssertOneLine(error);
            return;
        }

        Assert.Equal(definition.Spec, ScheduleSpec.Parse(definition.Spec).Spec);
        IReadOnlyList<Schedule> rates;
        var groups = definition.GroupCount ?? 1;
        try
        {
            rates = definition.RatesFor([.. Enumerable.Range(0, groups).Select(g => 0.1 / (g + 1))]);
        }
        catch (SpecException error)
        {
            AssertOneLine(error);
            return;
        }

        foreach (var schedule in rates.Concat(Enumerable.Range(0, groups).Select(g => definition.MomentumFor(g, 0.1)).OfType<Schedule>()))
        {
            _ = schedule.ToString();
            foreach (var t in SpecFuzz.Progress)
            {
                // Every value is finite, and >= 0 but past the end of a one-cycle run that copies PyTorch's extrapolation
                // (negative for the linear anneal at t = total_steps, a step PyTorch and the spec's step limit never train
                // at): past the definition's last trainable step, or past total - 1 of a native extrapolating one_cycle.
                var value = schedule.Evaluate(t);
                Assert.True(double.IsFinite(value), $"{schedule} at {t} gives {value}");
                var extrapolated = t >= definition.StepLimit - 1
                    || (schedule is OneCycleSchedule { Extrapolate: true } oneCycle && t > oneCycle.Total - 1);
                Assert.True(value >= 0 || extrapolated, $"{schedule} at {t} gives {value}, a negative rate inside the run");
                _ = schedule.TryGetCycle(t, out _);
            }
        }

        try
        {
            var fixedSchedule = ScheduleSpec.ParseSchedule(spec);
            Assert.True(double.IsFinite(fixedSchedule.Evaluate(1e9)));
        }
        catch (SpecException error)
        {
            AssertOneLine(error);
        }
    }

    private static void AssertOneLine(SpecException error)
    {
        Assert.False(error.Message.Contains('\n', StringComparison.Ordinal) || error.Message.Contains('\r', StringComparison.Ordinal), error.Message);
        Assert.NotEqual(string.Empty, error.Detail);
    }
}
