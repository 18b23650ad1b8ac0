using ScottPlot;

namespace WarmRestarts.Cli.Plotting;

/// <summary>
/// The curve as a PNG or SVG file (ScottPlot 5): one line per group, dashed red lines at restarts, dotted grey
/// lines at milestones. Written atomically: to a temporary file in the target's folder, then moved over the
/// target; on any failure the temporary file is removed and the target is untouched.
/// </summary>
internal static class FilePlot
{
    public const int Width = 1000;
    public const int Height = 500;

    public static void Save(string path, string title, IReadOnlyList<double[]> groups, double xScale, string unit, IReadOnlyList<double> restarts, IReadOnlyList<double> milestones)
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

        using var plot = new Plot();
        for (var g = 0; g < groups.Count; g++)
        {
            var signal = plot.Add.Signal(groups[g], xScale);
            signal.LegendText = groups.Count == 1 ? "lr" : "group " + g;
        }

        foreach (var restart in restarts)
        {
            var line = plot.Add.VerticalLine(restart * xScale);
            line.Color = Colors.Red.WithAlpha(0.6);
            line.LinePattern = LinePattern.Dashed;
        }

        foreach (var milestone in milestones)
        {
            var line = plot.Add.VerticalLine(milestone * xScale);
            line.Color = Colors.Gray.WithAlpha(0.8);
            line.LinePattern = LinePattern.Dotted;
        }

        plot.Title(title.Length > 100 ? title[..97] + "..." : title);
        plot.XLabel(unit);
        plot.YLabel("learning rate");
        if (groups.Count > 1)
        {
            plot.ShowLegend();
        }

        var temp = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{extension}");
        try
        {
            if (extension == ".png")
            {
                plot.SavePng(temp, Width, Height);
            }
            else
            {
                plot.SaveSvg(temp, Width, Height);
            }

            if (!File.Exists(temp))
            {
                throw new IOException($"cannot write {path}: the plot was not written");
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new CliUsageException($"cannot write {path}: {CliApp.OneLine(error.Message)}", error);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
