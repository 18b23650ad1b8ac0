using System.Globalization;

namespace WarmRestarts.Internal;

/// <summary>
/// The one precondition style of the library: each check names the parameter, what was expected, what was
/// given and what to do, in one line, and throws <see cref="ScheduleArgumentException"/>.
/// </summary>
internal static class Guard
{
    public static string Show(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "infinity"
        : double.IsNegativeInfinity(value) ? "-infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    public static ScheduleArgumentException Fail(string name, string expected, string given, string fix) =>
        new(name, $"{name} must be {expected}, but was {given}; {fix}.");

    public static double Finite(double value, string name, string fix)
    {
        if (!double.IsFinite(value))
        {
            throw Fail(name, "a finite number", Show(value), fix);
        }

        return value;
    }

    public static double NonNegative(double value, string name, string fix)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Fail(name, "a finite number >= 0", Show(value), fix);
        }

        return value;
    }

    public static double Positive(double value, string name, string fix)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Fail(name, "a finite number > 0", Show(value), fix);
        }

        return value;
    }

    public static double AtLeast(double value, double minimum, string name, string fix)
    {
        if (!double.IsFinite(value) || value < minimum)
        {
            throw Fail(name, $"a finite number >= {Show(minimum)}", Show(value), fix);
        }

        return value;
    }

    /// <summary>A factor in (0, 1].</summary>
    public static double UnitFactor(double value, string name, string fix)
    {
        if (!double.IsFinite(value) || value <= 0 || value > 1)
        {
            throw Fail(name, "a number in (0, 1]", Show(value), fix);
        }

        return value;
    }

    /// <summary>A fraction in [0, 1].</summary>
    public static double Fraction(double value, string name, string fix)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            throw Fail(name, "a number in [0, 1]", Show(value), fix);
        }

        return value;
    }

    public static void NotAbove(double value, string name, double bound, string boundName, string fix)
    {
        if (value > bound)
        {
            throw Fail(name, $"<= {boundName} ({Show(bound)})", Show(value), fix);
        }
    }

    public static T NotNull<T>(T? value, string name, string fix)
        where T : class =>
        value ?? throw Fail(name, "given", "null", fix);

    public static int PositiveInt(int value, string name, string fix)
    {
        if (value <= 0)
        {
            throw Fail(name, "an integer >= 1", value.ToString(CultureInfo.InvariantCulture), fix);
        }

        return value;
    }

    public static long PositiveLong(long value, string name, string fix)
    {
        if (value <= 0)
        {
            throw Fail(name, "an integer >= 1", value.ToString(CultureInfo.InvariantCulture), fix);
        }

        return value;
    }
}
