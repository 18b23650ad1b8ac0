using System.Globalization;
using System.Text;

namespace WarmRestarts;

/// <summary>
/// Writes a schedule's spec text: a Python-style call such as <c>cosine(peak=0.1, floor=0.0, length=100.0)</c>.
/// Numbers are written so that they read back to the same <see cref="double"/>.
/// </summary>
public sealed class SpecWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _firstArgument = new();

    /// <summary>Starts a call: writes <paramref name="name"/> and an opening parenthesis.</summary>
    /// <param name="name">The schedule or shape name, e.g. <c>warm_restarts</c>.</param>
    /// <returns>This writer.</returns>
    public SpecWriter BeginCall(string name)
    {
        _text.Append(name).Append('(');
        _firstArgument.Push(true);
        return this;
    }

    /// <summary>Ends the current call.</summary>
    /// <returns>This writer.</returns>
    public SpecWriter EndCall()
    {
        _firstArgument.Pop();
        _text.Append(')');
        return this;
    }

    /// <summary>Writes a real-valued argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, double value)
    {
        ArgumentName(name);
        AppendNumber(value);
        return this;
    }

    /// <summary>Writes an integer argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, long value)
    {
        ArgumentName(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Writes a Boolean argument as <c>True</c> or <c>False</c>.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, bool value)
    {
        ArgumentName(name);
        _text.Append(value ? "True" : "False");
        return this;
    }

    /// <summary>Writes a string argument in single quotes.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentName(name);
        _text.Append('\'').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
        return this;
    }

    /// <summary>Writes a list of reals.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="values">The list.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentName(name);
        _text.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(", ");
            }

            AppendNumber(values[i]);
        }

        _text.Append(']');
        return this;
    }

    /// <summary>Writes a nested schedule as an argument.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentName(name);
        schedule.WriteSpec(this);
        return this;
    }

    /// <summary>Writes a list of nested schedules.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="schedules">The schedules.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, IReadOnlyList<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentName(name);
        _text.Append('[');
        for (var i = 0; i < schedules.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(", ");
            }

            schedules[i].WriteSpec(this);
        }

        _text.Append(']');
        return this;
    }

    /// <summary>Writes an argument whose value is a call written by <paramref name="writeValue"/> (a cycle shape, say).</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="writeValue">Writes the value, starting with <see cref="BeginCall"/> or a raw literal.</param>
    /// <returns>This writer.</returns>
    public SpecWriter Argument(string name, Action<SpecWriter> writeValue)
    {
        ArgumentNullException.ThrowIfNull(writeValue);
        ArgumentName(name);
        writeValue(this);
        return this;
    }

    /// <summary>Appends a raw string literal value (in single quotes) where a value is expected.</summary>
    /// <param name="value">The text.</param>
    /// <returns>This writer.</returns>
    public SpecWriter StringValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _text.Append('\'').Append(value).Append('\'');
        return this;
    }

    /// <summary>Formats a real the way specs write it: Python's <c>repr</c> (<c>10.0</c>, <c>0.1</c>, <c>1e-06</c>).</summary>
    /// <param name="value">A finite number.</param>
    /// <returns>Its text, which parses back to the same <see cref="double"/>.</returns>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // .NET writes 1E-06 / 1E+16; Python writes 1e-06 / 1e+16.
            var mantissaEnd = text.IndexOf('E', StringComparison.Ordinal);
            var mantissa = text[..mantissaEnd];
            var exponent = int.Parse(text[(mantissaEnd + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var sign = exponent < 0 ? "-" : "+";
            return $"{mantissa}e{sign}{Math.Abs(exponent):00}";
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private void AppendNumber(double value) => _text.Append(FormatNumber(value));

    private void ArgumentName(string name)
    {
        if (_firstArgument.Count > 0)
        {
            if (!_firstArgument.Peek())
            {
                _text.Append(", ");
            }

            _firstArgument.Pop();
            _firstArgument.Push(false);
        }

        _text.Append(name).Append('=');
    }
}
