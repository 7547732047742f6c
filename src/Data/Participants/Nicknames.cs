using System.Globalization;
using System.Text;

namespace Conflicto.Data.Participants;

/// <summary>Nickname rules: 1–50 visible characters, no control or markup characters, unique per session.</summary>
public static class Nicknames
{
    public const int MaxLength = 50;
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>Trims and collapses inner whitespace; returns an error message when the nickname is unusable.</summary>
    public static string? Validate(string? raw, out string normalized)
    {
        normalized = Normalize(raw ?? "");
        if (normalized.Length == 0) return "Nickname must not be empty.";
        if (normalized.Length > MaxLength) return $"Nickname must be at most {MaxLength} characters.";
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (rune.Value == ZeroWidthJoiner) continue; // glues emoji sequences (👩‍👩‍👧, 🏳️‍🌈) and shows nothing alone
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                return "Nickname contains characters that cannot be shown.";
            if (rune.Value is '<' or '>') return "Nickname must not contain '<' or '>'.";
        }
        return null;
    }

    /// <summary>
    /// What every nickname <see cref="FirstFree"/> may return for <paramref name="requested"/> starts with. Long
    /// nicknames are shortened to make room for " 2", " 3"..., so the taken names must be looked up by this
    /// prefix, not by the whole nickname, or a shortened one already taken is missed.
    /// </summary>
    public static string CandidatePrefix(string requested) =>
        requested.Length <= MaxLength - LongestSuffix ? requested : requested[..(MaxLength - LongestSuffix)].TrimEnd();

    // " 9999999": far more numbers than max_participants (1000) can ever need.
    private const int LongestSuffix = 8;

    public static string Normalize(string raw) => string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The requested nickname if free, else the first free "Name 2", "Name 3"... Comparison is
    /// case-insensitive, as the database's unique index is.
    /// </summary>
    public static string FirstFree(string requested, IEnumerable<string> taken)
    {
        var used = new HashSet<string>(taken.Select(t => t.ToLowerInvariant()));
        if (!used.Contains(requested.ToLowerInvariant())) return requested;
        for (var n = 2; ; n++)
        {
            var suffix = $" {n}";
            var candidate = requested.Length + suffix.Length > MaxLength
                ? requested[..(MaxLength - suffix.Length)].TrimEnd() + suffix
                : requested + suffix;
            if (!used.Contains(candidate.ToLowerInvariant())) return candidate;
        }
    }
}
