namespace WarmRestarts.Family;

/// <summary>How <see cref="PiecewiseLinearSchedule"/> runs from one point to the next.</summary>
public enum Interpolation
{
    /// <summary>A straight line: <c>v_k + (v_(k+1) − v_k) · x</c>, with <c>x</c> the fraction of the segment passed.</summary>
    Linear = 0,

    /// <summary>
    /// Half a cosine, flat at both points: <c>v_(k+1) + (v_k − v_(k+1)) / 2 · (cos(π x) + 1)</c> (optax's
    /// <c>piecewise_interpolate_schedule('cosine', …)</c> behind <c>cosine_onecycle_schedule</c>).
    /// </summary>
    Cosine = 1,
}
