namespace Conflicto.Processing.Analysis;

internal static class Prompts
{
    /// <summary>Prompts are shown, not stored in full: a configuration may hold any amount of text.</summary>
    public const int MaxLength = 500;

    /// <summary>The first candidate with something in it, trimmed and shortened to <see cref="MaxLength"/>; null when none has.</summary>
    public static string? Pick(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var text = candidate?.Trim();
            if (!string.IsNullOrEmpty(text)) return Shorten(text, MaxLength);
        }
        return null;
    }

    public static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--; // never split a surrogate pair
        return text[..cut] + "…";
    }
}
