using System.Text;
using System.Text.RegularExpressions;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// A small list of swear words in the supported languages, matched as whole words, also when
/// disguised the usual ways: digits and symbols for letters ("sh1t", "$hit", "@sshole"), stretched
/// letters ("fuuuck"), asterisks ("f*ck") and accents. Words marked with * also match common
/// endings ("fucking", "shitty", "bitches"); whole-word matching keeps "Scunthorpe" and
/// "shiitake" clean.
/// </summary>
internal static partial class Profanity
{
    private const string List =
        "fuck* motherfuck* shit* bullshit* bitch* wank* cunt* asshole* bastard* whore* slut* twat* dickhead* fck "
        + "scheis* arschloch* wichser* fotze* hurensohn* "
        + "merde putain connard* salope* encule* "
        + "mierda puta putas cabron cabrones joder gilipollas "
        + "kut klootzak* godverdomme "
        + "cazzo merda puttana stronzo stronza stronzi vaffanculo "
        + "caralho porra foda foder";

    private const string Endings = "(?:s|es|er|ers|ing|in|ed|y|ty|e|en|head|heads|hole|holes|face)?";

    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['a'] = "a4@", ['e'] = "e3€", ['i'] = "i1!|", ['o'] = "o0", ['s'] = "s5$", ['t'] = "t7+", ['l'] = "l1|", ['b'] = "b8", ['g'] = "g9",
    };

    // NonBacktracking: "[f*]+[u*]+[c*]+[k*]+" against a row of asterisks would otherwise backtrack exponentially.
    private static readonly Regex Listed = new(
        "^(?:" + string.Join('|', List.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Pattern)) + ")$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static bool IsProfane(string word)
    {
        var folded = Fold(word.Trim('!', '*', '|', '+'));
        return folded.Length is > 1 and <= 64 && folded.Count(char.IsLetter) >= 2 && Listed.IsMatch(folded);
    }

    /// <summary>The words of a text as profanity sees them: symbols that stand in for letters stay in.</summary>
    public static IEnumerable<string> Candidates(string text) => Candidate().Matches(text).Select(m => m.Value);

    private static string Fold(string word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (var c in word.ToLowerInvariant())
        {
            if (c == 'ß') folded.Append("ss");
            else folded.Append(LatinComposition.StripMarks(c));
        }
        return folded.ToString();
    }

    private static string Pattern(string entry)
    {
        var withEndings = entry.EndsWith('*');
        var pattern = new StringBuilder();
        foreach (var c in entry.TrimEnd('*'))
            pattern.Append('[').Append(Regex.Escape(LookAlikes.GetValueOrDefault(c, c.ToString()))).Append(@"\*]+");
        return withEndings ? pattern + Endings : pattern.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}@$!*|€+]+")]
    private static partial Regex Candidate();
}
