using System.Globalization;
using System.Text;

namespace Conflicto.Data.Participants;

/// <summary>
/// Nickname rules: 1–50 visible characters, no control or markup characters, unique per session.
/// A character is a text element (a grapheme cluster: 😀, é, 👩‍👩‍👧 each count once), never a UTF-16
/// unit, so nothing is judged or cut inside a surrogate pair. The database holds at most
/// <see cref="MaxCodePoints"/> code points (<c>char_length</c>), which long emoji sequences can reach first.
/// </summary>
public static class Nicknames
{
    public const int MaxLength = 50;

    /// <summary>What the participants table's check allows (<c>char_length(nickname) between 1 and 50</c>).</summary>
    public const int MaxCodePoints = 50;
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>Trims and collapses inner whitespace; returns an error message when the nickname is unusable.</summary>
    public static string? Validate(string? raw, out string normalized)
    {
        normalized = Normalize(raw ?? "");
        if (normalized.Length == 0) return "Nickname must not be empty.";
        var length = new StringInfo(normalized).LengthInTextElements;
        if (length > MaxLength) return $"Nickname must be at most {MaxLength} characters; it has {length}.";
        if (CodePoints(normalized) > MaxCodePoints)
            return $"Nickname is too long: at most {MaxCodePoints} Unicode code points are stored, and emoji sequences count each of their parts.";
        for (var i = 0; i < normalized.Length; i++)
        {
            if (char.IsHighSurrogate(normalized[i]) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1])) i++;
            else if (char.IsSurrogate(normalized[i])) return "Nickname contains characters that cannot be shown.";
        }
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
        CodePoints(requested) <= MaxCodePoints - LongestSuffix ? requested : Shorten(requested, MaxCodePoints - LongestSuffix).TrimEnd();

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
            var candidate = CodePoints(requested) + suffix.Length > MaxCodePoints
                ? Shorten(requested, MaxCodePoints - suffix.Length).TrimEnd() + suffix
                : requested + suffix;
            if (!used.Contains(candidate.ToLowerInvariant())) return candidate;
        }
    }

    /// <summary>The longest run of whole text elements from the start of <paramref name="text"/> within <paramref name="maxCodePoints"/>.</summary>
    internal static string Shorten(string text, int maxCodePoints)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        var end = 0;
        var used = 0;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            used += CodePoints(element);
            if (used > maxCodePoints) break;
            end = elements.ElementIndex + element.Length;
        }
        return text[..end];
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
