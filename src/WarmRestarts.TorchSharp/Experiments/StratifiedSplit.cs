namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// Disjoint, stratified subsets of a labelled set: each subset holds every class in (as nearly as whole numbers
/// allow) the set's proportions. Per class the examples are shuffled once with a seeded generator and dealt out to
/// the subsets in turn, so the same labels, sizes and seed always give the same indices.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Splits <paramref name="labels"/> into disjoint subsets of the given sizes.</summary>
    /// <param name="labels">The label of every example.</param>
    /// <param name="sizes">The size of each subset; together at most the number of examples.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The sorted example indices of each subset.</returns>
    /// <exception cref="ArgumentException">The sizes are negative or add up to more than there are examples.</exception>
    public static long[][] Split(IReadOnlyList<int> labels, IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Any(s => s < 0) || sizes.Sum(s => (long)s) > labels.Count)
        {
            throw new ArgumentException($"the subset sizes ({string.Join(", ", sizes)}) must be >= 0 and add up to at most the {labels.Count} examples; ask for fewer", nameof(sizes));
        }

        var classes = labels.Select((label, index) => (label, index)).GroupBy(x => x.label).OrderBy(g => g.Key).Select(g => g.Select(x => x.index).ToArray()).ToArray();
        var random = new Random(seed);
        foreach (var members in classes)
        {
            random.Shuffle(members);
        }

        var quotas = sizes.Select(size => Quotas(size, classes.Select(c => c.Length).ToArray(), labels.Count)).ToArray();
        var result = new long[sizes.Count][];
        var taken = new int[classes.Length];
        for (var s = 0; s < sizes.Count; s++)
        {
            var subset = new List<long>(sizes[s]);
            for (var c = 0; c < classes.Length; c++)
            {
                var count = Math.Min(quotas[s][c], classes[c].Length - taken[c]);
                subset.AddRange(classes[c].Skip(taken[c]).Take(count).Select(i => (long)i));
                taken[c] += count;
            }

            result[s] = [.. subset.Order()];
        }

        return result;
    }

    /// <summary>Per-class counts for one subset by the largest-remainder rule, so they add up to <paramref name="size"/>.</summary>
    private static int[] Quotas(int size, int[] classSizes, int total)
    {
        var exact = classSizes.Select(n => (double)size * n / total).ToArray();
        var quotas = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var missing = size - quotas.Sum();
        foreach (var c in Enumerable.Range(0, classSizes.Length).OrderByDescending(c => exact[c] - quotas[c]).ThenBy(c => c).Take(missing))
        {
            quotas[c]++;
        }

        return quotas;
    }
}
