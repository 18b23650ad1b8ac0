using WarmRestarts.Restarts;

namespace WarmRestarts;

/// <summary>
/// Factory methods for every schedule of the library, in the style of optax: each returns an immutable,
/// pure <see cref="Schedule"/>; compound schedules are joins of simple ones.
/// </summary>
public static partial class Schedules
{
    /// <summary>
    /// SGDR (Loshchilov &amp; Hutter, arXiv 1608.03983): cosine cycles from <paramref name="peak"/> (<c>η_max</c>)
    /// to <paramref name="floor"/> (<c>η_min</c>), the first <paramref name="firstCycle"/> (<c>T_0</c>) long, each
    /// <paramref name="cycleGrowth"/> (<c>T_mult</c>) times longer than the last.
    /// </summary>
    /// <param name="peak">The rate at each restart.</param>
    /// <param name="floor">The rate at the end of each cycle.</param>
    /// <param name="firstCycle">The first cycle's length.</param>
    /// <param name="cycleGrowth">The cycle length factor (&gt;= 1).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An argument is out of range.</exception>
    public static WarmRestartsSchedule WarmRestarts(double peak, double floor, double firstCycle, double cycleGrowth = 1.0) =>
        new(peak, floor, firstCycle, cycleGrowth);

    /// <summary>The warm-restarts engine with every option: decay, cycle limit, warm-up and cycle shape.</summary>
    /// <param name="options">The parameters.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleArgumentException">An option is out of range.</exception>
    public static WarmRestartsSchedule WarmRestarts(WarmRestartsOptions options) => new(options);
}
