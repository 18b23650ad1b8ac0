namespace WarmRestarts.Family;

/// <summary>Binary searches over sorted milestone lists, shared by the schedules that switch at milestones.</summary>
internal static class SortedSearch
{
    /// <summary>How many entries of the ascending <paramref name="sorted"/> are &lt;= <paramref name="t"/> (duplicates count each time).</summary>
    public static int CountAtOrBelow(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many entries of the ascending <paramref name="sorted"/> are &lt; <paramref name="t"/>.</summary>
    public static int CountBelow(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
