using System.Text;
using ScottPlot;
using WarmRestarts.TorchSharp;

namespace WarmRestarts.Cli.Plotting;

/// <summary>
/// The curve as a PNG or SVG file (ScottPlot 5): one line per group, dashed red lines at restarts, dotted grey
/// lines at milestones. Written atomically: to a temporary file in the target's folder, then moved over the
/// target; on any failure the temporary file is removed and the target is untouched. <see cref="Save"/> draws rate
/// curves (plot, train); <see cref="SaveLines"/> any (x, y) lines such as accuracy per epoch (train).
/// </summary>
internal static class FilePlot
{
    public const int Width = 1000;
    public const int Height = 500;

    public static void Save(string path, string title, IReadOnlyList<double[]> groups, double xScale, string unit, IReadOnlyList<double> restarts, IReadOnlyList<double> milestones)
    {
        var (full, extension) = CheckTarget(path);
        using var plot = new Plot();
        for (var g = 0; g < groups.Count; g++)
        {
            var signal = plot.Add.Signal(groups[g], xScale);
            signal.LegendText = groups.Count == 1 ? "lr" : "group " + g;
        }

        Mark(plot, restarts.Select(r => r * xScale), milestones.Select(m => m * xScale));
        Label(plot, title, unit, "learning rate", legend: groups.Count > 1);
        Write(plot, path, full, extension);
    }

    /// <summary>Lines through (x, y) points, e.g. accuracy per epoch, with restarts marked; a series of one point is drawn as a marker.</summary>
    public static void SaveLines(string path, string title, string xLabel, string yLabel, IReadOnlyList<PlotLine> lines, IReadOnlyList<double> restarts)
    {
        var (full, extension) = CheckTarget(path);
        using var plot = new Plot();
        foreach (var line in lines)
        {
            var scatter = plot.Add.Scatter(line.X, line.Y);
            scatter.LegendText = line.Label;
            scatter.MarkerSize = line.X.Length == 1 || line.MarkersOnly ? 8 : 3;
            if (line.MarkersOnly)
            {
                scatter.LineWidth = 0;
            }
        }

        Mark(plot, restarts, []);
        Label(plot, title, xLabel, yLabel, legend: lines.Count > 1);
        Write(plot, path, full, extension);
    }

    private static (string Full, string Extension) CheckTarget(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new CliUsageException($"-o must name a .png or .svg file, but was '{path}'; give a file name ending in .png or .svg, e.g. -o sgdr.png");
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"cannot write {path}: the folder {folder} does not exist; create it or choose another path");
        }

        if (Directory.Exists(full))
        {
            throw new CliUsageException($"cannot write {path}: it is a folder; give a file name such as {Path.Combine(path, "plot" + extension)}");
        }

        return (full, extension);
    }

    /// <summary>Dashed red lines at restarts, dotted grey lines at milestones (both in x-axis units).</summary>
    private static void Mark(Plot plot, IEnumerable<double> restarts, IEnumerable<double> milestones)
    {
        foreach (var restart in restarts)
        {
            var line = plot.Add.VerticalLine(restart);
            line.Color = Colors.Red.WithAlpha(0.6);
            line.LinePattern = LinePattern.Dashed;
        }

        foreach (var milestone in milestones)
        {
            var line = plot.Add.VerticalLine(milestone);
            line.Color = Colors.Gray.WithAlpha(0.8);
            line.LinePattern = LinePattern.Dotted;
        }
    }

    private static void Label(Plot plot, string title, string xLabel, string yLabel, bool legend)
    {
        plot.Title(title.Length > 100 ? title[..97] + "..." : title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend)
        {
            plot.ShowLegend();
        }
    }

    private static void Write(Plot plot, string path, string full, string extension)
    {
        // Rendered in memory, then written through AtomicFile (a temporary file, flushed, then renamed): a failed write
        // (a full disk, a file-size limit) leaves any earlier file as it was and surfaces as an IOException.
        var bytes = extension == ".png" ? plot.GetImageBytes(Width, Height, ImageFormat.Png) : Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height));
        try
        {
            AtomicFile.Write(full, stream => stream.Write(bytes));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new CliUsageException($"cannot write {path}: {CliApp.OneLine(error.Message)}", error);
        }
    }
}
