namespace WarmRestarts.Tests.Family;

/// <summary>Assertions shared by the family and combinator tests.</summary>
internal static class Expect
{
    /// <summary>2^53 − 1: the largest whole progress below the clamp.</summary>
    public const double Far = 9007199254740991.0;

    /// <summary>Asserts that building throws <see cref="ScheduleArgumentException"/> naming <paramref name="parameter"/> in one line.</summary>
    public static ScheduleArgumentException Invalid(string parameter, Func<object> build)
    {
        var ex = Assert.Throws<ScheduleArgumentException>(() => build());
        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(parameter + " must be ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    /// <summary>Asserts a relative difference of at most <paramref name="rtol"/> (absolute for 0).</summary>
    public static void Close(double expected, double actual, double rtol = 1e-12)
    {
        var scale = Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(Math.Abs(expected - actual) <= rtol * scale || expected == actual, $"expected {expected:R}, got {actual:R}");
    }
}
