namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>Which clients lose their link: a share of them, spread at random but the same for the same seed.</summary>
public static class DropSelection
{
    /// <summary>
    /// Exactly round(<paramref name="share"/> × <paramref name="count"/>) distinct indices of
    /// 0..count−1 (at least one when the share is above 0), sorted.
    /// </summary>
    public static IReadOnlyList<int> Pick(int count, double share, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (share is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(share), share, "a share is between 0 and 1");
        var take = (int)Math.Round(share * count, MidpointRounding.AwayFromZero);
        if (share > 0 && count > 0) take = Math.Max(1, take);
        // Partial Fisher–Yates: the first `take` slots end up a uniform sample.
        var indices = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, count);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(take).Order().ToList();
    }
}
