using System.Globalization;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// The size and seed of a hostile-input run. CI runs the defaults; <c>CONFLICTO_HOSTILE_CASES</c>
/// multiplies the cases (e.g. 10 for a run ten times as long) and <c>CONFLICTO_HOSTILE_SEED</c>
/// replays a run: every failure names its seed and case number.
/// </summary>
public static class HostileRun
{
    public const string SeedVariable = "CONFLICTO_HOSTILE_SEED";
    public const string ScaleVariable = "CONFLICTO_HOSTILE_CASES";
    public const int DefaultSeed = 20261202;

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    /// <summary>How many times the CI's number of cases to run (1 in CI).</summary>
    public static int Scale { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    /// <summary>A generator for one part of the run, so adding cases to one part does not reshuffle another.</summary>
    public static Random For(string part) => new(unchecked(Seed * 31 + StableHash(part)));

    public static string Replay => $"seed {Seed} ({SeedVariable}={Seed}, {ScaleVariable}={Scale})";

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}
