using System.Text.RegularExpressions;

namespace Conflicto.Processing.Enrichment;

/// <summary>A lower-case word and the clause it stands in (clauses end at . , ; : ! ? and brackets).</summary>
internal readonly record struct Token(string Text, int Clause);

internal static partial class Tokens
{
    private static readonly string[] EnglishContractions = ["t", "s", "re", "ll", "ve", "d", "m"];

    /// <summary>
    /// The words of normalised text. An English contraction stays one word ("isn't", "it's");
    /// other apostrophes split elisions ("l'homme" → "l", "homme"; "dell'anno" → "dell", "anno").
    /// </summary>
    public static IReadOnlyList<Token> Words(string text)
    {
        var tokens = new List<Token>();
        var clause = 0;
        var position = 0;
        foreach (Match match in Word().Matches(text))
        {
            if (text.AsSpan(position, match.Index - position).IndexOfAny(".,;:!?()[]¿¡") >= 0) clause++;
            position = match.Index + match.Length;
            var word = match.Value.Replace('’', '\'').ToLowerInvariant();
            var apostrophe = word.LastIndexOf('\'');
            if (apostrophe < 0 || EnglishContractions.Contains(word[(apostrophe + 1)..]))
                tokens.Add(new Token(word, clause));
            else
                foreach (var part in word.Split('\'', StringSplitOptions.RemoveEmptyEntries)) tokens.Add(new Token(part, clause));
        }
        return tokens;
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+(?:['’][\p{L}\p{M}]+)*")]
    private static partial Regex Word();
}
