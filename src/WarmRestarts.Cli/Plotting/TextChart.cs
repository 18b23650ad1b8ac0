using System.Globalization;
using System.Text;

namespace WarmRestarts.Cli.Plotting;

/// <summary>
/// A compact braille line chart for the terminal: 60 columns × 16 rows of braille cells (120 × 64 dots), y labels
/// on the left, a marker row under the axis (<c>^</c> restart, <c>'</c> milestone), at most 78 columns wide.
/// Each dot column shows the min-to-max range of the values it covers, so restarts show as vertical jumps.
/// </summary>
internal static class TextChart
{
    public const int Columns = 60;
    public const int Rows = 16;
    private const int LabelWidth = 12;

    /// <param name="values">The value at each step (t = 0..N-1).</param>
    /// <param name="xScale">Multiplier from step to x (1, or 1/M for epochs).</param>
    /// <param name="restarts">Restart positions, in steps.</param>
    /// <param name="milestones">Milestone positions, in steps.</param>
    /// <param name="unit">The x unit's name.</param>
    /// <param name="restartName">What the <c>^</c> marks are called in the legend line.</param>
    /// <param name="milestoneName">What the <c>'</c> marks are called in the legend line.</param>
    public static string Render(IReadOnlyList<double> values, double xScale, IReadOnlyList<double> restarts, IReadOnlyList<double> milestones, string unit, string restartName = "restarts", string milestoneName = "milestones")
    {
        var n = values.Count;
        var dotsX = Columns * 2;
        var dotsY = Rows * 4;
        var low = values.Min();
        var high = values.Max();
        var span = high - low;
        var cells = new int[Rows, Columns];
        int DotRow(double v) => span > 0 ? (int)Math.Round((high - v) / span * (dotsY - 1)) : dotsY / 2;

        for (var x = 0; x < dotsX; x++)
        {
            var from = (int)((long)x * n / dotsX);
            var to = Math.Max(from + 1, (int)((long)(x + 1) * n / dotsX));
            if (from >= n)
            {
                continue;
            }

            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = from; i < Math.Min(to, n); i++)
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }

            // Join with the previous column so that steep falls stay connected.
            if (from > 0)
            {
                min = Math.Min(min, Math.Min(values[from - 1], max));
                max = Math.Max(max, Math.Max(values[from - 1], min));
            }

            for (var y = DotRow(max); y <= DotRow(min); y++)
            {
                cells[y / 4, x / 2] |= Bit(x % 2, y % 4);
            }
        }

        var text = new StringBuilder();
        for (var r = 0; r < Rows; r++)
        {
            var label = r == 0 ? Format(high) : r == Rows - 1 ? Format(low) : r == Rows / 2 ? Format(high - (span * (r * 4 + 1.5) / (dotsY - 1))) : string.Empty;
            text.Append(label.PadLeft(LabelWidth - 2)).Append(" ┤");
            for (var c = 0; c < Columns; c++)
            {
                text.Append((char)(0x2800 + cells[r, c]));
            }

            text.Append('\n');
        }

        var markers = new char[Columns];
        Array.Fill(markers, '─');
        int Column(double step) => Math.Clamp((int)(step * Columns / Math.Max(n, 1)), 0, Columns - 1);
        foreach (var m in milestones)
        {
            markers[Column(m)] = '\'';
        }

        foreach (var r in restarts)
        {
            markers[Column(r)] = '^';
        }

        text.Append(new string(' ', LabelWidth - 2)).Append(" └").Append(markers).Append('\n');
        var left = Format(0);
        var right = Format((n - 1) * xScale);
        text.Append(new string(' ', LabelWidth)).Append(left).Append(right.PadLeft(Columns - left.Length)).Append(' ').Append(unit).Append('\n');
        if (restarts.Count > 0)
        {
            text.Append("^ ").Append(restartName).Append(" at ").Append(List(restarts, xScale)).Append('\n');
        }

        if (milestones.Count > 0)
        {
            text.Append("' ").Append(milestoneName).Append(" at ").Append(List(milestones, xScale)).Append('\n');
        }

        return text.ToString();
    }

    private static string List(IReadOnlyList<double> points, double xScale)
    {
        var shown = string.Join(", ", points.Take(12).Select(p => Format(p * xScale)));
        return points.Count > 12 ? shown + $", … ({points.Count} in all)" : shown;
    }

    private static int Bit(int x, int y) => (x, y) switch
    {
        (0, 3) => 0x40,
        (1, 3) => 0x80,
        (0, _) => 1 << y,
        _ => 1 << (y + 3),
    };

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
