using System.Collections.Frozen;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Topic tags: the content words of a text (at least three letters; no stop word, negator or
/// intensifier of its language, or of any language when that is unknown; no number, no swear
/// word), the most frequent first,
/// then the longest, then alphabetically, so equal inputs always give equal tags.
/// </summary>
internal static class TopicExtractor
{
    public const int MaxTopics = 3;
    private const int MinLength = 3;

    private static readonly FrozenSet<string> AnyFunctionWord = Lexicons.AllStopWords
        .Concat(Lexicons.All(Lexicons.Negators)).Concat(Lexicons.All(Lexicons.Intensifiers)).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> Extract(IReadOnlyList<Token> tokens, string language)
    {
        bool IsFunctionWord(string word) => Lexicons.StopWords.TryGetValue(language, out var stopWords)
            ? stopWords.Contains(word) || Lexicons.Negators[language].Contains(word) || Lexicons.Intensifiers[language].Contains(word)
            : AnyFunctionWord.Contains(word);

        return tokens
            .Select(t => t.Text)
            .Where(w => w.Length >= MinLength && w.Any(char.IsLetter) && !IsFunctionWord(w) && !Profanity.IsProfane(w))
            .GroupBy(w => w, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxTopics)
            .Select(g => g.Key)
            .ToList();
    }
}
