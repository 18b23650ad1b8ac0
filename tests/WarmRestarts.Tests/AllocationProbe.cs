namespace WarmRestarts.Tests;

/// <summary>Measures what code allocates on the calling thread, robust to the runtime's own one-off allocations.</summary>
internal static class AllocationProbe
{
    /// <summary>
    /// The bytes <paramref name="action"/> allocates on this thread: the least over a few runs. An allocation per call
    /// shows in every run (a loop of thousands of calls allocates at least that many objects each time); a one-off
    /// allocation of the runtime during one run — tiering, on-stack replacement, call counting — does not.
    /// </summary>
    /// <param name="action">The code to measure; run once more before the first measurement, to warm it up.</param>
    /// <param name="runs">How many measured runs.</param>
    /// <returns>The smallest allocation seen in one run.</returns>
    public static long Least(Action action, int runs = 3)
    {
        action();
        var least = long.MaxValue;
        for (var run = 0; run < runs && least > 0; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
