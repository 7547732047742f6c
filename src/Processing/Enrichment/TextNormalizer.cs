using System.Globalization;
using System.Text;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// The normalised form of free text: invisible and control characters removed (they hide words
/// from moderation: "sh\u00ADit"), runs of white space collapsed to one space, trimmed, and base
/// letters followed by combining marks composed (NFC, for the letters <see cref="LatinComposition"/> knows).
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Append(result, ref pendingSpace, c);
                result.Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue; // a lone half of a pair is no character at all
            if (char.IsWhiteSpace(c)) { pendingSpace = true; continue; }
            if (IsInvisible(c)) continue;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark && result.Length > 0 && !pendingSpace
                && LatinComposition.Compose(result[^1], c) is { } composed)
            {
                result[^1] = composed;
                continue;
            }
            Append(result, ref pendingSpace, c);
        }
        return result.ToString();
    }

    private static void Append(StringBuilder result, ref bool pendingSpace, char c)
    {
        if (pendingSpace && result.Length > 0) result.Append(' ');
        pendingSpace = false;
        result.Append(c);
    }

    // Control characters, soft hyphen, zero-width space, direction marks and overrides, word
    // joiners and the byte-order mark. Zero-width (non-)joiners stay: emoji and some scripts need them.
    private static bool IsInvisible(char c) =>
        char.IsControl(c) || c is '\u00AD' or '\u200B' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E'
            or >= '\u2060' and <= '\u2064' or >= '\u2066' and <= '\u2069' or '\uFEFF';
}
