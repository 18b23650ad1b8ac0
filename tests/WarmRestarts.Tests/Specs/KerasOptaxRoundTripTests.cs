using System.Globalization;
using CsCheck;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// Property tests over random keras./optax. specs: the canonical text is a fixed point of parsing, the parsed-again
/// schedule gives the same values bit for bit, and every value is finite and &gt;= 0.
/// </summary>
public class KerasOptaxRoundTripTests
{
    private static readonly Gen<string> Rate = Gen.Double[0, 1].Select(Text);
    private static readonly Gen<string> Steps = Gen.OneOf(Gen.Int[1, 500].Select(i => i.ToString(CultureInfo.InvariantCulture)), Gen.Double[0.5, 500].Select(Text));
    private static readonly Gen<string> Fraction = Gen.Double[0, 1].Select(Text);
    private static readonly Gen<string> Flag = Gen.Bool.Select(b => b ? "True" : "False");

    private static readonly Gen<string> Keras = Gen.OneOf(
        from i in Rate
        from f in Steps
        from t in Gen.OneOf(Gen.Int[1, 3].Select(v => v.ToString(CultureInfo.InvariantCulture) + ".0"), Gen.Double[1, 3].Select(Text))
        from m in Fraction
        from a in Fraction
        select $"keras.CosineDecayRestarts(initial_learning_rate={i}, first_decay_steps={f}, t_mul={t}, m_mul={m}, alpha={a})",
        from i in Rate
        from d in Steps
        from a in Fraction
        from warm in Gen.Bool
        from target in Rate
        from w in Gen.Int[0, 50]
        select warm
            ? $"keras.CosineDecay({i}, {d}, {a}, warmup_target={target}, warmup_steps={w})"
            : $"keras.CosineDecay(initial_learning_rate={i}, decay_steps={d}, alpha={a})",
        from i in Rate
        from d in Steps
        from r in Gen.Double[0.01, 2].Select(Text)
        from s in Flag
        select $"keras.ExponentialDecay({i}, {d}, {r}, {s})",
        from i in Rate
        from d in Steps
        from e in Rate
        from p in Gen.Double[0.1, 4].Select(Text)
        from c in Flag
        select $"keras.PolynomialDecay({i}, {d}, end_learning_rate={e}, power={p}, cycle={c})",
        from i in Rate
        from d in Steps
        from r in Gen.Double[0, 3].Select(Text)
        from s in Flag
        select $"keras.InverseTimeDecay(initial_learning_rate={i}, decay_steps={d}, decay_rate={r}, staircase={s})",
        from gaps in Gen.Int[1, 40].Array[1, 5]
        from values in Rate.Array[6]
        select $"keras.PiecewiseConstantDecay(boundaries=[{string.Join(", ", Cumulative(gaps))}], values=[{string.Join(", ", values.Take(gaps.Length + 1))}])");

    private static readonly Gen<string> WarmupCosineKwargs =
        from init in Rate
        from peak in Gen.Double[0.01, 1]
        from warmup in Gen.Int[0, 20]
        from cosine in Gen.Int[1, 100]
        from endFraction in Gen.Double[0, 1]
        from exponent in Gen.Double[0.5, 3]
        select $"{{'init_value': {init}, 'peak_value': {Text(peak)}, 'warmup_steps': {warmup}, 'decay_steps': {warmup + cosine}, 'end_value': {Text(peak * endFraction)}, 'exponent': {Text(exponent)}}}";

    private static readonly Gen<string> Optax = Gen.OneOf(
        from kwargs in WarmupCosineKwargs.Array[1, 4]
        select $"optax.sgdr_schedule(cosine_kwargs=[{string.Join(", ", kwargs)}])",
        from i in Rate
        from d in Steps
        from a in Fraction
        select $"optax.cosine_decay_schedule({i}, {d}, alpha={a})",
        from i in Rate
        from ts in Gen.Int[-5, 100]
        from r in Gen.Double[0.05, 0.99]
        from begin in Gen.Int[-5, 30]
        from s in Flag
        from fraction in Gen.Double[0, 1]
        select $"optax.exponential_decay(init_value={i}, transition_steps={ts}, decay_rate={Text(r)}, transition_begin={begin}, staircase={s}, end_value={Text(double.Parse(i, CultureInfo.InvariantCulture) * fraction)})",
        from i in Rate
        from e in Rate
        from p in Gen.Double[0.2, 3].Select(Text)
        from ts in Gen.Int[-2, 200]
        from begin in Gen.Int[0, 30]
        select $"optax.polynomial_schedule({i}, {e}, {p}, {ts}, {begin})",
        from i in Rate
        from pairs in Gen.Select(Gen.Int[0, 300], Gen.Double[0, 2]).Array[0, 4]
        select $"optax.piecewise_constant_schedule(init_value={i}, boundaries_and_scales={{{string.Join(", ", pairs.DistinctBy(p => p.Item1).Select(p => $"{p.Item1}: {Text(p.Item2)}"))}}})",
        from ts in Gen.Int[1, 1000]
        from peak in Rate
        from start in Gen.Double[0, 1]
        from final in Gen.Double[0, 1]
        from linear in Gen.Bool
        select linear
            ? $"optax.linear_onecycle_schedule({ts}, {peak}, pct_start={Text(Math.Min(start, final))}, pct_final={Text(Math.Max(start, final))})"
            : $"optax.cosine_onecycle_schedule(transition_steps={ts}, peak_value={peak}, pct_start={Text(start)}, div_factor=10.0)");

    private static readonly Gen<string> Joined =
        from children in Gen.OneOf(Keras, Optax).Array[1, 3]
        from gaps in Gen.Int[1, 100].Array[2]
        select $"optax.join_schedules(schedules=[{string.Join(", ", children)}], boundaries=[{string.Join(", ", Cumulative(gaps).Take(children.Length - 1))}])";

    private static readonly Gen<double> Progress = Gen.OneOf(Gen.Double[0, 600], Gen.Int[0, 2000].Select(i => (double)i), Gen.Double[0, 1e9]);

    [Fact]
    public void Canonical_text_is_a_fixed_point_and_values_survive_the_round_trip() =>
        Gen.Select(Gen.OneOf(Keras, Optax, Joined), Progress.Array[8]).Sample((spec, points) =>
        {
            var definition = ScheduleSpec.Parse(spec);
            var again = ScheduleSpec.Parse(definition.Spec);
            Assert.Equal(definition.Spec, again.Spec);
            var first = definition.RateFor(0, 0.1);
            var second = again.RateFor(0, 0.1);
            foreach (var t in points)
            {
                var value = first.Evaluate(t);
                Assert.Equal(value, second.Evaluate(t));
                Assert.True(double.IsFinite(value) && value >= 0, $"{spec} at {t:R}: {value:R}");
            }
        }, iter: 2000);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal) is var text && (text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal)) ? text : text + ".0";

    private static IEnumerable<int> Cumulative(IEnumerable<int> gaps)
    {
        var sum = 0;
        foreach (var gap in gaps)
        {
            sum += gap;
            yield return sum;
        }
    }
}
