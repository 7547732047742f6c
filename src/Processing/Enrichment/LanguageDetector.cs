using System.Collections.Frozen;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Guesses the language of a text from its function words: each word scores for the languages
/// whose stop-word list holds it, split evenly when several do ("de", "in"), plus a little for
/// letters only some languages use (ß, ñ, ã). A guess needs a few words and a clear winner;
/// otherwise the answer is <see cref="Undetermined"/>.
/// </summary>
internal static class LanguageDetector
{
    public const string Undetermined = "und";
    public const int MinWords = 3;
    private const double MinScore = 1.5;
    private const double MinLead = 1.5; // the winner scores at least this many times the runner-up

    private static readonly FrozenDictionary<string, string[]> LanguagesOfWord = Lexicons.Languages
        .SelectMany(language => Lexicons.StopWords[language].Select(word => (word, language)))
        .GroupBy(p => p.word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.language).ToArray(), StringComparer.Ordinal);

    private static readonly (string Letters, string[] Languages)[] LetterHints =
    [
        ("ßäöü", ["de"]), ("ñ¿¡", ["es"]), ("ãõ", ["pt"]), ("ç", ["fr", "pt"]), ("œ", ["fr"]), ("ìò", ["it"]),
    ];

    public static string Detect(string text, IReadOnlyList<Token> tokens)
    {
        if (tokens.Count(t => t.Text.Any(char.IsLetter)) < MinWords) return Undetermined;
        var scores = Lexicons.Languages.ToDictionary(l => l, _ => 0.0, StringComparer.Ordinal);
        foreach (var token in tokens)
            if (LanguagesOfWord.TryGetValue(token.Text, out var languages))
                foreach (var language in languages) scores[language] += 1.0 / languages.Length;

        var lower = text.ToLowerInvariant();
        foreach (var (letters, languages) in LetterHints)
            if (lower.AsSpan().IndexOfAny(letters) >= 0)
                foreach (var language in languages) scores[language] += 1.0 / languages.Length;
        // Dutch has no letters of its own, but "ij" is everywhere in it ("mijn", "zijn", "bij").
        if (tokens.Any(t => t.Text.Contains("ij", StringComparison.Ordinal))) scores["nl"] += 0.5;

        // Ties go to the earlier language in Lexicons.Languages, so the answer never depends on ordering luck.
        var ranked = Lexicons.Languages.OrderByDescending(l => scores[l]).ToList();
        var (best, second) = (scores[ranked[0]], scores[ranked[1]]);
        return best >= MinScore && best >= MinLead * second && best > second ? ranked[0] : Undetermined;
    }
}
