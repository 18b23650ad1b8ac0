namespace WarmRestarts.Cli.Plotting;

/// <summary>One line of <see cref="FilePlot.SaveLines"/>: its legend label and its points.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, as many as <paramref name="X"/>.</param>
/// <param name="MarkersOnly">Whether to draw the points only (no connecting line).</param>
internal sealed record PlotLine(string Label, double[] X, double[] Y, bool MarkersOnly = false);
