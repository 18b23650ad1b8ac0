using System.Globalization;
using System.Text;

namespace WarmRestarts.Specs;

/// <summary>Prints spec values canonically (Python repr style), for the canonical text of upstream calls.</summary>
internal static class SpecText
{
    public static string Format(SpecValue value) => value switch
    {
        SpecNumber number => number.IsInteger && Math.Abs(number.Value) < 1e16
            ? number.Value.ToString("F0", CultureInfo.InvariantCulture)
            : SpecWriter.FormatNumber(number.Value),
        SpecString text => Quote(text.Value),
        SpecBool flag => flag.Value ? "True" : "False",
        SpecNone => "None",
        SpecName name => name.Name,
        SpecList list => "[" + string.Join(", ", list.Items.Select(Format)) + "]",
        SpecDict dict => "{" + string.Join(", ", dict.Entries.Select(e => Format(e.Key) + ": " + Format(e.Value))) + "}",
        SpecCall call => call.Name + "(" + string.Join(", ", call.Arguments.Select(Format).Concat(call.KeywordArguments.Select(k => k.Name + "=" + Format(k.Value)))) + ")",
        _ => throw new InvalidOperationException("unknown spec value " + value.GetType().Name),
    };

    public static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>snake_case of a camelCase C# parameter name (firstCycle → first_cycle).</summary>
    public static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
