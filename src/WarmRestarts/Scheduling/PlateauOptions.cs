namespace WarmRestarts.Scheduling;

/// <summary>
/// The parameters of a <see cref="PlateauReduction"/>, with PyTorch's <c>ReduceLROnPlateau</c> meanings and
/// defaults. Checked when the reduction (or the <see cref="GroupScheduler"/> holding it) is built.
/// </summary>
/// <remarks>
/// Upstream names: <see cref="Mode"/> is <c>mode</c>, <see cref="Factor"/> <c>factor</c>, <see cref="Patience"/>
/// <c>patience</c>, <see cref="Threshold"/> <c>threshold</c>, <see cref="ThresholdMode"/> <c>threshold_mode</c>,
/// <see cref="Cooldown"/> <c>cooldown</c>, <see cref="MinRates"/> <c>min_lr</c>, <see cref="Eps"/> <c>eps</c>;
/// <see cref="WarmupReports"/> is timm's <c>warmup_t</c>.
/// </remarks>
public sealed record PlateauOptions
{
    /// <summary>Whether a smaller (loss) or larger (accuracy) metric is better. Default <see cref="PlateauMode.Min"/>.</summary>
    public PlateauMode Mode { get; init; } = PlateauMode.Min;

    /// <summary>The factor a reduction multiplies the rate by, in (0, 1). Default 0.1.</summary>
    public double Factor { get; init; } = 0.1;

    /// <summary>How many reports without improvement are tolerated; the reduction comes on the next one. &gt;= 0, default 10.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The least change that counts as an improvement (see <see cref="ThresholdMode"/>); finite, &gt;= 0, default 1e-4.</summary>
    public double Threshold { get; init; } = 1e-4;

    /// <summary>Whether <see cref="Threshold"/> is relative to the best metric or absolute. Default <see cref="PlateauThresholdMode.Relative"/>.</summary>
    public PlateauThresholdMode ThresholdMode { get; init; } = PlateauThresholdMode.Relative;

    /// <summary>How many reports after a reduction are ignored (bad reports are not counted). &gt;= 0, default 0.</summary>
    public int Cooldown { get; init; }

    /// <summary>The lower bound of each group's rate once it has been reduced: one value for all groups or one per group; finite, &gt;= 0. Default [0].</summary>
    public IReadOnlyList<double> MinRates { get; init; } = [0.0];

    /// <summary>A reduction smaller than this is skipped for that group; finite, &gt;= 0, default 1e-8.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>
    /// How many first reports are ignored: they change neither the best metric, nor the count of bad reports, nor
    /// the cooldown (timm's <c>PlateauLRScheduler</c> ignores the metric while <c>epoch &lt;= warmup_t</c>). &gt;= 0,
    /// default 0.
    /// </summary>
    public int WarmupReports { get; init; }

    /// <summary>
    /// The options' spec text, e.g.
    /// <c>plateau(mode='min', factor=0.1, patience=10, threshold=0.0001, threshold_mode='rel', cooldown=0, min_rates=[0.0], eps=1e-08)</c>.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var writer = new SpecWriter();
        writer.BeginCall("plateau")
            .Argument("mode", Mode == PlateauMode.Min ? "min" : Mode == PlateauMode.Max ? "max" : Mode.ToString())
            .Argument("factor", Factor)
            .Argument("patience", (long)Patience)
            .Argument("threshold", Threshold)
            .Argument("threshold_mode", ThresholdMode == PlateauThresholdMode.Relative ? "rel" : ThresholdMode == PlateauThresholdMode.Absolute ? "abs" : ThresholdMode.ToString())
            .Argument("cooldown", (long)Cooldown)
            .Argument("min_rates", MinRates ?? [])
            .Argument("eps", Eps);
        if (WarmupReports != 0)
        {
            writer.Argument("warmup_reports", (long)WarmupReports);
        }

        writer.EndCall();
        return writer.ToString();
    }
}
