using System.Collections.Frozen;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Lexicon sentiment: +1 per positive word, −1 per negative one, half as much again after an
/// intensifier ("very good"), turned around and weakened by a negator up to three words before it
/// in the same clause ("not good", "n'est pas bon"). German and Dutch also negate at the end of a
/// clause ("gefällt mir nicht"). The sum s maps into (−1, 1) as s / √(s² + 4).
/// </summary>
internal static class SentimentScorer
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
    private const double NegationWeight = 0.75;
    private const double IntensifierWeight = 1.5;
    private const double NeutralBand = 0.05;

    private static readonly FrozenSet<string> AnyPositive = Lexicons.All(Lexicons.Positive);
    private static readonly FrozenSet<string> AnyNegative = Lexicons.All(Lexicons.Negative);
    private static readonly FrozenSet<string> AnyNegator = Lexicons.All(Lexicons.Negators);
    private static readonly FrozenSet<string> AnyIntensifier = Lexicons.All(Lexicons.Intensifiers);

    public static (string Label, double Score) Score(IReadOnlyList<Token> tokens, string language)
    {
        var known = Lexicons.Positive.ContainsKey(language);
        var positive = known ? Lexicons.Positive[language] : AnyPositive;
        var negative = known ? Lexicons.Negative[language] : AnyNegative;
        var negators = known ? Lexicons.Negators[language] : AnyNegator;
        var intensifiers = known ? Lexicons.Intensifiers[language] : AnyIntensifier;
        var negatesAfter = language is "de" or "nl";

        bool IsNegator(int i) => negators.Contains(tokens[i].Text) || ((language is "en" || !known) && tokens[i].Text.EndsWith("n't", StringComparison.Ordinal));
        bool SameClause(int i, int j) => j >= 0 && j < tokens.Count && tokens[i].Clause == tokens[j].Clause;

        var sum = 0.0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text;
            // A word in both lists (across languages) says nothing.
            var polarity = (positive.Contains(word) ? 1 : 0) - (negative.Contains(word) ? 1 : 0);
            if (polarity == 0) continue;
            double value = polarity;
            if (SameClause(i, i - 1) && intensifiers.Contains(tokens[i - 1].Text)) value *= IntensifierWeight;
            var negated = Enumerable.Range(i - 3, 3).Any(j => SameClause(i, j) && IsNegator(j))
                || (negatesAfter && Enumerable.Range(i + 1, 2).Any(j => SameClause(i, j) && IsNegator(j) && !SameClause(j, j + 1)));
            if (negated) value *= -NegationWeight;
            sum += value;
        }
        var score = Math.Round(sum / Math.Sqrt(sum * sum + 4), 3);
        return (score > NeutralBand ? Positive : score < -NeutralBand ? Negative : Neutral, score);
    }
}
