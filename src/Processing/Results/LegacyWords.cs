using System.Text.RegularExpressions;

namespace Conflicto.Processing.Results;

/// <summary>
/// The first Conflicto's word normalisation: punctuation other than <c>-</c> removed, inner white
/// space collapsed, trimmed, lower-cased unless the word cloud is case sensitive. Banned words
/// are compared, and the legacy result fields are counted, in this form.
/// </summary>
public static partial class LegacyWords
{
    public static string Normalize(string word, bool caseSensitive)
    {
        var stripped = Punctuation().Replace(word, "");
        var collapsed = string.Join(' ', stripped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return caseSensitive ? collapsed : collapsed.ToLowerInvariant();
    }

    // Everything that is not a letter, digit, mark, connector (_), white space or '-'.
    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}\p{Pc}\s-]")]
    private static partial Regex Punctuation();
}
