using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using WarmRestarts.Cli.Running;
using WarmRestarts.Tests.Fuzzing;

namespace WarmRestarts.Cli.Tests;

/// <summary>
/// Fuzzing of <c>values --batch</c> (CsCheck, in process): batches of lines with mutated specs, odd step counts,
/// base rates, metrics and points, unknown fields and broken JSON. Every input line gives exactly one JSON line, in
/// order, with either <c>lrs</c> (all finite) or a one-line <c>error</c> that is never an internal error.
/// CI runs a few hundred batches; WARMRESTARTS_FUZZ_ITERATIONS sets a long run (docs/reliability.md).
/// </summary>
public class BatchFuzzTests
{
    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int[-3, 40].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Const("2.5"), Gen.Const("1e20"), Gen.Const("-1"), Gen.Const("10000001"), Gen.Const("1e400"), Gen.Const("\"10\""),
        Gen.Const("null"), Gen.Const("true"), Gen.Const("[]"), Gen.Const("9007199254740993"));

    private static readonly Gen<string> NumberList = Gen.OneOf(
        Gen.Double[0, 1].Array[0, 5].Select(a => "[" + string.Join(",", a.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]"),
        Number.Array[0, 4].Select(a => "[" + string.Join(",", a) + "]"),
        Gen.Const("[1e308, -1e308, 0]"), Gen.Const("\"0.1\""), Gen.Const("{}"));

    private static readonly Gen<string> Points = Gen.OneOf(
        Gen.Double[0, 1e4].Array[0, 20].Select(a => "[" + string.Join(",", a.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]"),
        Gen.Const("[0, 0.5, 1e6, 9007199254740992, 1e300, -5]"), Gen.Const("[\"a\"]"), Gen.Const("3"));

    private static readonly Gen<string> Request =
        from spec in SpecFuzz.Any
        from steps in Number
        from withLrs in Gen.Int[0, 3]
        from lrs in NumberList
        from withMetrics in Gen.Int[0, 3]
        from metrics in NumberList
        from withAt in Gen.Int[0, 3]
        from at in Points
        from extra in Gen.Int[0, 15]
        select "{\"spec\": " + JsonSerializer.Serialize(spec) + ", \"steps\": " + steps
            + (withLrs == 0 ? ", \"base_lrs\": " + lrs : string.Empty)
            + (withMetrics == 0 ? ", \"metrics\": " + metrics : string.Empty)
            + (withAt == 0 ? ", \"at\": " + at : string.Empty)
            + (extra == 0 ? ", \"stepz\": 1" : string.Empty) + "}";

    private static readonly Gen<string> Line = Gen.Frequency(
        (8, Request),
        (1, Request.Select(r => r[..(r.Length / 2)])),
        (1, SpecFuzz.RandomText.Select(t => t.Replace('\n', ' ').Replace('\r', ' '))));

    [Fact]
    public void Every_line_gets_exactly_one_json_answer_with_finite_rates_or_a_one_line_error()
    {
        Line.Array[1, 12].Sample(
            lines => SpecFuzz.Bounded(string.Join("\n", lines), () => Check(lines)),
            iter: SpecFuzz.Iterations(400),
            threads: 1,
            print: lines => string.Join("\n", lines.Select(SpecFuzz.Head)));
    }

    [Fact]
    public void Deep_and_huge_specs_in_a_batch_are_answered_one_line_each()
    {
        var lines = SpecFuzz.Deep().Where(spec => spec.Length < 200_000).Select(spec => "{\"spec\": " + JsonSerializer.Serialize(spec) + ", \"steps\": 3}").ToArray();
        SpecFuzz.Bounded("deep batch", () => Check(lines));
    }

    private static void Check(string[] lines)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var answered = new BatchRunner(output).Run(new StringReader(string.Join("\n", lines) + "\n"));
        Assert.Equal(lines.Length, answered);
        var answers = output.ToString().Split('\n');
        Assert.Equal(string.Empty, answers[^1]);
        Assert.Equal(lines.Length, answers.Length - 1);
        for (var i = 0; i < lines.Length; i++)
        {
            using var document = JsonDocument.Parse(answers[i]);
            var root = document.RootElement;
            var properties = root.EnumerateObject().ToList();
            Assert.Single(properties);
            if (properties[0].Name == "error")
            {
                var message = properties[0].Value.GetString()!;
                Assert.DoesNotContain("internal error", message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', message);
                Assert.NotEqual(string.Empty, message);
                continue;
            }

            Assert.Equal("lrs", properties[0].Name);
            foreach (var row in properties[0].Value.EnumerateArray())
            {
                foreach (var value in row.EnumerateArray())
                {
                    Assert.True(value.TryGetDouble(out var x) && double.IsFinite(x), $"line {i}: {value}");
                }
            }
        }
    }
}
