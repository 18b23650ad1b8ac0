using System.Collections.ObjectModel;
using System.Globalization;
using WarmRestarts.Internal;

namespace WarmRestarts.Scheduling;

/// <summary>
/// Reduce-on-plateau as a per-group scale on any schedule: PyTorch's <c>ReduceLROnPlateau</c> bookkeeping
/// (<c>best</c>, <c>num_bad_epochs</c>, <c>cooldown_counter</c>) with the reduction kept as a factor
/// <c>s_g</c> per parameter group instead of an overwritten rate. The first
/// <see cref="PlateauOptions.WarmupReports"/> reports are ignored (timm's warm-up).
/// </summary>
/// <remarks>
/// <para>
/// <b>Report</b> (PyTorch 1.13 <c>ReduceLROnPlateau.step</c>): if the metric is better than <c>best</c>
/// (<see cref="IsBetter"/>), <c>best = metric</c> and <c>num_bad_epochs = 0</c>, else <c>num_bad_epochs += 1</c>;
/// then, in cooldown (<c>cooldown_counter &gt; 0</c>), <c>cooldown_counter -= 1</c> and <c>num_bad_epochs = 0</c>
/// (bad reports in cooldown are not counted); then, if <c>num_bad_epochs &gt; patience</c>, a reduction is due:
/// <c>cooldown_counter = cooldown</c>, <c>num_bad_epochs = 0</c>. <c>best</c> starts at +infinity
/// (<see cref="PlateauMode.Min"/>) or −infinity (<see cref="PlateauMode.Max"/>).
/// </para>
/// <para>
/// <b>NaN.</b> A NaN metric is never better (every comparison with NaN is false), so it counts as a bad report
/// and leaves <c>best</c> alone, exactly as in PyTorch: a run whose loss turns NaN gets its rate reduced after
/// <c>patience</c> such reports. Infinite metrics follow the same comparisons.
/// </para>
/// <para>
/// <b>Negative metrics, relative mode</b> (kept from PyTorch): with <c>best &lt; 0</c>,
/// <c>best · (1 − threshold)</c> lies above <c>best</c>, so in <see cref="PlateauMode.Min"/> an unchanged metric
/// counts as an improvement and no plateau is ever detected (symmetrically for <see cref="PlateauMode.Max"/>).
/// Use <see cref="PlateauThresholdMode.Absolute"/> for metrics that can be negative.
/// </para>
/// <para>
/// <b>Per-group effect</b> (<see cref="Reduce"/>): when a reduction is due, for each group <c>g</c> with current
/// rate <c>old</c>: <c>new = max(old · factor, minRate_g)</c>; only if <c>old − new &gt; eps</c> is the
/// reduction applied, as <c>s_g ← s_g · factor</c>. Each scale starts at 1. The rate of group <c>g</c> at
/// progress <c>t</c> is then (<see cref="ScaleRate"/>)
/// <c>rate_g(t) = s_g &lt; 1 ? max(schedule_g(t) · s_g, minRate_g) : schedule_g(t)</c>: the reduction multiplies
/// whatever schedule runs underneath, and the <c>minRate_g</c> clamp only applies once a reduction of that
/// group has happened (a schedule that goes below <c>minRate_g</c> on its own is left alone, as PyTorch never
/// raises a rate). On a constant schedule this is PyTorch's behaviour; on a moving one the decision uses the
/// rate at the moment of the report (a group whose rate is then 0 is not reduced).
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class PlateauReduction
{
    private readonly double[] _minRates;
    private readonly double[] _scales;
    private readonly double _factor;
    private readonly double _threshold;
    private readonly double _eps;
    private readonly int _patience;
    private readonly int _cooldown;
    private readonly int _warmupReports;
    private readonly PlateauMode _mode;
    private readonly PlateauThresholdMode _thresholdMode;

    /// <summary>Creates the reduction for <paramref name="groupCount"/> parameter groups.</summary>
    /// <param name="options">The parameters; validated here.</param>
    /// <param name="groupCount">The number of parameter groups, &gt;= 1.</param>
    /// <exception cref="ScheduleArgumentException">An option is out of range, or <see cref="PlateauOptions.MinRates"/> has neither one value nor one per group.</exception>
    public PlateauReduction(PlateauOptions options, int groupCount = 1)
    {
        Options = Guard.NotNull(options, nameof(options), "give the plateau options, e.g. new PlateauOptions()");
        Guard.PositiveInt(groupCount, nameof(groupCount), "give the number of parameter groups");
        if (!Enum.IsDefined(options.Mode))
        {
            throw Guard.Fail("mode", "Min or Max", options.Mode.ToString(), "choose Min for a loss, Max for an accuracy");
        }

        if (!Enum.IsDefined(options.ThresholdMode))
        {
            throw Guard.Fail("thresholdMode", "Relative or Absolute", options.ThresholdMode.ToString(), "choose how the threshold is measured");
        }

        if (!(options.Factor > 0 && options.Factor < 1))
        {
            throw Guard.Fail("factor", "a number in (0, 1)", Guard.Show(options.Factor), "give the factor a reduction multiplies the rate by, e.g. 0.1");
        }

        _patience = NonNegativeInt(options.Patience, "patience", "give how many reports without improvement are tolerated, e.g. 10");
        _threshold = Guard.NonNegative(options.Threshold, "threshold", "give the least change that counts as an improvement, e.g. 1e-4");
        _cooldown = NonNegativeInt(options.Cooldown, "cooldown", "give how many reports after a reduction are ignored, 0 for none");
        _eps = Guard.NonNegative(options.Eps, "eps", "give the smallest reduction worth applying, e.g. 1e-8");
        _warmupReports = NonNegativeInt(options.WarmupReports, "warmupReports", "give how many first reports are ignored, 0 for none");
        var minRates = Guard.NotNull(options.MinRates, "minRates", "give one lower bound for all groups or one per group, e.g. [0.0]");
        if (minRates.Count != 1 && minRates.Count != groupCount)
        {
            throw Guard.Fail("minRates", $"one value for all groups or one per group ({groupCount.ToString(CultureInfo.InvariantCulture)})",
                $"{minRates.Count.ToString(CultureInfo.InvariantCulture)} values", "give one lower bound, or one for each parameter group");
        }

        _minRates = new double[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            _minRates[g] = Guard.NonNegative(minRates[minRates.Count == 1 ? 0 : g], minRates.Count == 1 ? "minRates[0]" : $"minRates[{g}]", "give the lowest rate a reduction may bring the group to, e.g. 0");
        }

        _factor = options.Factor;
        _mode = options.Mode;
        _thresholdMode = options.ThresholdMode;
        _scales = new double[groupCount];
        Array.Fill(_scales, 1.0);
        MinRates = Array.AsReadOnly(_minRates);
        Scales = Array.AsReadOnly(_scales);
        Best = WorstValue(_mode);
    }

    /// <summary>The options the reduction was built with.</summary>
    public PlateauOptions Options { get; }

    /// <summary>The number of parameter groups.</summary>
    public int GroupCount => _scales.Length;

    /// <summary>Each group's lower bound (<see cref="PlateauOptions.MinRates"/> expanded to one per group).</summary>
    public ReadOnlyCollection<double> MinRates { get; }

    /// <summary>Each group's reduction scale <c>s_g</c>: 1 until the group is first reduced, then a power of the factor (a live view).</summary>
    public ReadOnlyCollection<double> Scales { get; }

    /// <summary>The best metric seen (PyTorch's <c>best</c>); ±infinity before the first report.</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive reports without improvement, outside cooldown (PyTorch's <c>num_bad_epochs</c>).</summary>
    public long NumBadEpochs { get; private set; }

    /// <summary>Reports left in the cooldown (PyTorch's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>Whether a cooldown is running.</summary>
    public bool InCooldown => CooldownCounter > 0;

    /// <summary>The number of reports so far (PyTorch's <c>last_epoch</c>).</summary>
    public long LastEpoch { get; private set; }

    /// <summary>
    /// PyTorch's <c>is_better</c>: whether <paramref name="metric"/> improves on <paramref name="best"/>.
    /// Min/rel: <c>metric &lt; best · (1 − threshold)</c>; min/abs: <c>metric &lt; best − threshold</c>;
    /// max/rel: <c>metric &gt; best · (1 + threshold)</c>; max/abs: <c>metric &gt; best + threshold</c>.
    /// False whenever either is NaN.
    /// </summary>
    /// <param name="metric">The new metric.</param>
    /// <param name="best">The best so far.</param>
    /// <param name="mode">Whether smaller or larger is better.</param>
    /// <param name="thresholdMode">Relative or absolute threshold.</param>
    /// <param name="threshold">The threshold.</param>
    /// <returns>Whether the metric is an improvement.</returns>
    public static bool IsBetter(double metric, double best, PlateauMode mode, PlateauThresholdMode thresholdMode, double threshold) =>
        (mode, thresholdMode) switch
        {
            (PlateauMode.Min, PlateauThresholdMode.Relative) => metric < best * (1.0 - threshold),
            (PlateauMode.Min, _) => metric < best - threshold,
            (_, PlateauThresholdMode.Relative) => metric > best * (threshold + 1.0),
            _ => metric > best + threshold,
        };

    /// <summary>
    /// The rate of a group: <c>scale &lt; 1 ? max(scheduledRate · scale, minRate) : scheduledRate</c>.
    /// </summary>
    /// <param name="scheduledRate">The rate the schedule gives.</param>
    /// <param name="scale">The group's reduction scale <c>s_g</c>.</param>
    /// <param name="minRate">The group's lower bound.</param>
    /// <returns>The rate to use.</returns>
    public static double ScaleRate(double scheduledRate, double scale, double minRate) =>
        scale < 1.0 ? Math.Max(scheduledRate * scale, minRate) : scheduledRate;

    /// <summary>The rate of group <paramref name="group"/> for a scheduled rate, with this reduction's scale and bound.</summary>
    /// <param name="group">The group index.</param>
    /// <param name="scheduledRate">The rate the schedule gives.</param>
    /// <returns>The rate to use (<see cref="ScaleRate"/>).</returns>
    public double Apply(int group, double scheduledRate) => ScaleRate(scheduledRate, _scales[group], _minRates[group]);

    /// <summary>
    /// Records a metric (one call per evaluation, PyTorch's <c>step(metrics)</c>) and says whether a reduction is
    /// due now; if so, call <see cref="Reduce"/> with the current rates.
    /// </summary>
    /// <param name="metric">The metric; NaN counts as a bad report.</param>
    /// <returns>Whether a reduction is due.</returns>
    public bool Report(double metric)
    {
        LastEpoch++;
        if (LastEpoch <= _warmupReports)
        {
            return false;
        }

        if (IsBetter(metric, Best, _mode, _thresholdMode, _threshold))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }

        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs > _patience)
        {
            CooldownCounter = _cooldown;
            NumBadEpochs = 0;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Applies a due reduction to the groups: for each group, <c>new = max(old · factor, minRate_g)</c> and, if
    /// <c>old − new &gt; eps</c>, <c>s_g ← s_g · factor</c>.
    /// </summary>
    /// <param name="currentRates">Each group's current rate (<c>old</c>).</param>
    /// <returns>Whether any group was reduced.</returns>
    /// <exception cref="ScheduleArgumentException">The span does not hold one rate per group.</exception>
    public bool Reduce(ReadOnlySpan<double> currentRates)
    {
        if (currentRates.Length != _scales.Length)
        {
            throw Guard.Fail(nameof(currentRates), $"one rate per group ({_scales.Length.ToString(CultureInfo.InvariantCulture)})",
                $"{currentRates.Length.ToString(CultureInfo.InvariantCulture)} rates", "pass the current rate of every parameter group");
        }

        var any = false;
        for (var g = 0; g < _scales.Length; g++)
        {
            var old = currentRates[g];
            var reduced = Math.Max(old * _factor, _minRates[g]);
            if (old - reduced > _eps)
            {
                _scales[g] *= _factor;
                any = true;
            }
        }

        return any;
    }

    /// <summary>Sets the whole state at once (used when a saved scheduler state is loaded; already validated).</summary>
    internal void Restore(double best, long numBadEpochs, int cooldownCounter, long lastEpoch, ReadOnlySpan<double> scales)
    {
        Best = best;
        NumBadEpochs = numBadEpochs;
        CooldownCounter = cooldownCounter;
        LastEpoch = lastEpoch;
        scales.CopyTo(_scales);
    }

    private static double WorstValue(PlateauMode mode) => mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    private static int NonNegativeInt(int value, string name, string fix)
    {
        if (value < 0)
        {
            throw Guard.Fail(name, "an integer >= 0", value.ToString(CultureInfo.InvariantCulture), fix);
        }

        return value;
    }
}
