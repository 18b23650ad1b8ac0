using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WarmRestarts.Cli.Output;

/// <summary>Numbers and strings as CSV/JSON text: shortest round-trip ("R"), invariant culture, no allocation per number.</summary>
internal static class NumberText
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writes <paramref name="value"/> in round-trip form (finite values only; others as 0, which the schedules never give).</summary>
    public static void Write(TextWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[32];
        if (!double.IsFinite(value))
        {
            value = 0.0;
        }

        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string JsonString(string text) => "\"" + JsonEncodedText.Encode(text, Encoder).ToString() + "\"";

    /// <summary>Writes <c>[[a,b],[c,d]]</c> rows one by one.</summary>
    public sealed class JsonRows(TextWriter writer)
    {
        private bool _first = true;

        public void Begin() => writer.Write('[');

        public void Row(IReadOnlyList<double> values)
        {
            if (!_first)
            {
                writer.Write(',');
            }

            _first = false;
            writer.Write('[');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                Write(writer, values[i]);
            }

            writer.Write(']');
        }

        public void End() => writer.Write(']');
    }
}
