using WarmRestarts.Internal;

namespace WarmRestarts.Family;

/// <summary>
/// Linear interpolation between points <c>(t_k, v_k)</c>: <c>η_t = v_k + (v_(k+1) − v_k)(t − t_k) / (t_(k+1) − t_k)</c>
/// for <c>t_k &lt;= t &lt; t_(k+1)</c>; <c>v_0</c> before <c>t_0</c> and the last value after the last point
/// (NumPy's <c>interp</c>, timm's and fast.ai's piecewise-linear schedules).
/// </summary>
/// <remarks>
/// With <see cref="Family.Interpolation.Cosine"/> each segment is half a cosine instead of a line,
/// <c>v_(k+1) + (v_k − v_(k+1)) / 2 · (cos(π x) + 1)</c> with <c>x = (t − t_k) / (t_(k+1) − t_k)</c> (optax's
/// <c>cosine_onecycle_schedule</c>). The segment is found by binary search.
/// </remarks>
public sealed class PiecewiseLinearSchedule : Schedule
{
    private readonly double[] _progress;
    private readonly double[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="points">At least two points, with strictly increasing progress (the first &gt;= 0) and finite values &gt;= 0.</param>
    /// <param name="interpolation">The curve between two points: a line (default) or half a cosine.</param>
    /// <exception cref="ScheduleArgumentException">The points are too few, unsorted or out of range.</exception>
    public PiecewiseLinearSchedule(IEnumerable<SchedulePoint> points, Interpolation interpolation = Interpolation.Linear)
    {
        if (!Enum.IsDefined(interpolation))
        {
            throw Guard.Fail(nameof(interpolation), "Linear or Cosine", interpolation.ToString(), "choose the curve between two points");
        }

        Interpolation = interpolation;
        var list = Guard.NotNull(points, nameof(points), "give at least two (progress, value) points").ToArray();
        if (list.Length < 2)
        {
            throw Guard.Fail(nameof(points), "at least two points", $"{list.Length} point(s)", "give the value at the start and at the end at least");
        }

        _progress = new double[list.Length];
        _values = new double[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            _progress[i] = Guard.NonNegative(list[i].Progress, nameof(points), "give every point's progress as a number >= 0 in the schedule's unit");
            _values[i] = Guard.NonNegative(list[i].Value, nameof(points), "give every point's value as a finite rate >= 0");
            if (i > 0 && _progress[i] <= _progress[i - 1])
            {
                throw Guard.Fail(nameof(points), "in strictly increasing progress", $"{Guard.Show(_progress[i - 1])} followed by {Guard.Show(_progress[i])}", "sort the points by progress and remove duplicates");
            }
        }

        Points = Array.AsReadOnly(list);
    }

    /// <summary>The points, in increasing progress.</summary>
    public IReadOnlyList<SchedulePoint> Points { get; }

    /// <summary>The curve between two points.</summary>
    public Interpolation Interpolation { get; }

    /// <inheritdoc />
    protected internal override double EvaluateCore(double t)
    {
        var last = _progress.Length - 1;
        if (t <= _progress[0])
        {
            return _values[0];
        }

        if (t >= _progress[last])
        {
            return _values[last];
        }

        // t_k <= t < t_(k+1), with 0 <= k < last.
        var k = SortedSearch.CountAtOrBelow(_progress, t) - 1;
        var x = (t - _progress[k]) / (_progress[k + 1] - _progress[k]);
        return Interpolation == Interpolation.Cosine
            ? _values[k + 1] + ((_values[k] - _values[k + 1]) / 2.0 * (Math.Cos(Math.PI * x) + 1.0))
            : _values[k] + ((_values[k + 1] - _values[k]) * x);
    }

    /// <inheritdoc />
    protected internal override void WriteSpec(SpecWriter writer)
    {
        writer.BeginCall("piecewise_linear").Argument("progress", _progress).Argument("values", _values);
        if (Interpolation == Interpolation.Cosine)
        {
            writer.Argument("interpolation", "cosine");
        }

        writer.EndCall();
    }
}
