using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

public class SpecParserTests
{
    [Fact]
    public void Parses_a_pasted_pytorch_line()
    {
        var value = SpecParser.Parse("scheduler = torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=5), torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)], milestones=[5])");
        var call = Assert.IsType<SpecCall>(value);
        Assert.Equal("torch.SequentialLR", call.Name);
        Assert.Equal(12, call.Position);
        Assert.Equal(["schedulers", "milestones"], call.KeywordArguments.Select(k => k.Name));
        var schedulers = Assert.IsType<SpecList>(call.KeywordArguments[0].Value);
        var linear = Assert.IsType<SpecCall>(schedulers.Items[0]);
        Assert.Equal("torch.LinearLR", linear.Name);
        Assert.Equal(new SpecNumber(linear.KeywordArguments[0].Value.Position, 0.1, false), linear.KeywordArguments[0].Value);
        Assert.Equal(5, ((SpecNumber)linear.KeywordArguments[1].Value).Value);
        Assert.True(((SpecNumber)linear.KeywordArguments[1].Value).IsInteger);
    }

    [Fact]
    public void Parses_literals()
    {
        var call = (SpecCall)SpecParser.Parse("f(1, 2.5, -3, 1e-4, 1_000, .5, 'a\\'b', \"c\", True, False, None, x.y, (1, 2), [], {1: 'a', 2: 0.5})");
        var a = call.Arguments;
        Assert.Equal((1.0, true), (((SpecNumber)a[0]).Value, ((SpecNumber)a[0]).IsInteger));
        Assert.Equal((2.5, false), (((SpecNumber)a[1]).Value, ((SpecNumber)a[1]).IsInteger));
        Assert.Equal(-3, ((SpecNumber)a[2]).Value);
        Assert.Equal((1e-4, false), (((SpecNumber)a[3]).Value, ((SpecNumber)a[3]).IsInteger));
        Assert.Equal(1000, ((SpecNumber)a[4]).Value);
        Assert.Equal(0.5, ((SpecNumber)a[5]).Value);
        Assert.Equal("a'b", ((SpecString)a[6]).Value);
        Assert.Equal("c", ((SpecString)a[7]).Value);
        Assert.True(((SpecBool)a[8]).Value);
        Assert.False(((SpecBool)a[9]).Value);
        Assert.IsType<SpecNone>(a[10]);
        Assert.Equal("x.y", ((SpecName)a[11]).Name);
        Assert.Equal(2, ((SpecList)a[12]).Items.Count);
        Assert.Empty(((SpecList)a[13]).Items);
        var dict = (SpecDict)a[14];
        Assert.Equal(2, dict.Entries.Count);
        Assert.Equal(0.5, ((SpecNumber)dict.Entries[1].Value).Value);
    }

    [Theory]
    [InlineData("1/3", 1.0 / 3, false)]
    [InlineData("2**-2", 0.25, false)]
    [InlineData("-2**2", -4.0, true)]
    [InlineData("7//2", 3.0, true)]
    [InlineData("-7 % 3", 2.0, true)]
    [InlineData("(1 + 2) * 3", 9.0, true)]
    [InlineData("0.1 * 3", 0.1 * 3, false)]
    public void Arithmetic_follows_python(string text, double expected, bool isInteger)
    {
        var number = Assert.IsType<SpecNumber>(SpecParser.Parse(text));
        Assert.Equal(expected, number.Value);
        Assert.Equal(isInteger, number.IsInteger);
    }

    [Theory]
    [InlineData("", -1, "the spec is empty")]
    [InlineData("   ", -1, "the spec is empty")]
    [InlineData("f(a=1", 5, "the spec ends where ',' or ')' to close f( is expected")]
    [InlineData("f(a=1 b=2)", 6, "expected ',' or ')' to close f(, but found 'b'")]
    [InlineData("f(a=1, a=2)", 7, "parameter 'a' is given twice in f")]
    [InlineData("f(a=1, 2)", 7, "positional argument after keyword arguments in f")]
    [InlineData("f('abc)", 2, "the string starting here is not closed")]
    [InlineData("f(1) g", 5, "unexpected 'g' after the end of the spec")]
    [InlineData("f(#)", 2, "unexpected '#' where a value is expected")]
    [InlineData("f(1 + 'a')", 6, "'+' needs numbers, but got a string")]
    [InlineData("f(1/0)", 3, "division by zero")]
    [InlineData("f(10abc)", 4, "right after the number 10")]
    [InlineData("f(1e999)", 2, "too large for a double")]
    [InlineData("f(a.b=1)", 2, "'a.b' cannot be a keyword")]
    [InlineData("{1 2}", 3, "expected ':' after a dict key, but found '2'")]
    public void Errors_name_the_position_and_the_fix(string text, int position, string detail)
    {
        var error = Assert.Throws<SpecException>(() => SpecParser.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(position >= 0 ? $"at {position}: " : detail[..5], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_overflowed()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var error = Assert.Throws<SpecException>(() => SpecParser.Parse(deep));
        Assert.Contains("nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
        var calls = string.Concat(Enumerable.Repeat("f(", 5000)) + new string(')', 5000);
        Assert.Throws<SpecException>(() => SpecParser.Parse(calls));
        Assert.Throws<SpecException>(() => SpecParser.Parse(new string('-', 100_000) + "1"));
    }

    [Fact]
    public void Caret_points_at_the_position()
    {
        var error = Assert.Throws<SpecException>(() => SpecParser.Parse("f(a=1 b=2)"));
        Assert.Equal("f(a=1 b=2)\n      ^", error.Caret("f(a=1 b=2)"));
    }
}
