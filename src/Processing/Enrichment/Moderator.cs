using System.Text;
using System.Text.RegularExpressions;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Rule-based moderation of normalised text. The first rule that matches gives the reason, in a
/// fixed order: empty, profanity, personal data (email, phone), links, repeated characters or
/// words, shouting. Patterns run NonBacktracking: the text is anyone's input.
/// </summary>
internal static partial class Moderator
{
    public const int RepeatedCharacterRun = 7;
    public const int RepeatedWordRun = 5;
    public const int ShoutingMinLetters = 12;
    private const double ShoutingUpperShare = 0.8;

    public static ModerationVerdict Check(string normalized, IReadOnlyList<Token> tokens)
    {
        if (normalized.Length == 0) return ModerationVerdict.Flagged(ModerationReasons.Empty);
        if (Profanity.Candidates(normalized).Any(Profanity.IsProfane)) return ModerationVerdict.Flagged(ModerationReasons.Profanity);
        if (Email().IsMatch(normalized)) return ModerationVerdict.Flagged(ModerationReasons.EmailAddress);
        if (Phone().Matches(normalized).Any(m => IsPhoneNumber(normalized, m))) return ModerationVerdict.Flagged(ModerationReasons.PhoneNumber);
        if (Url().IsMatch(normalized)) return ModerationVerdict.Flagged(ModerationReasons.Link);
        if (HasRepeatedCharacters(normalized)) return ModerationVerdict.Flagged(ModerationReasons.RepeatedCharacters);
        if (HasRepeatedWords(tokens)) return ModerationVerdict.Flagged(ModerationReasons.RepeatedWords);
        if (IsShouting(normalized)) return ModerationVerdict.Flagged(ModerationReasons.Shouting);
        return ModerationVerdict.Approved;
    }

    // 9 to 15 digits (8 after a +), standing alone, and not a date or a decimal number.
    private static bool IsPhoneNumber(string text, Match match)
    {
        var end = match.Index + match.Length;
        if ((match.Index > 0 && char.IsLetterOrDigit(text[match.Index - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end]))) return false;
        var digits = match.Value.Count(char.IsAsciiDigit);
        var minDigits = match.Value.StartsWith('+') ? 8 : 9;
        return digits >= minDigits && digits <= 15 && !DateOrDecimal().IsMatch(match.Value);
    }

    private static bool HasRepeatedCharacters(string text)
    {
        var (previous, run) = (default(Rune), 0);
        foreach (var rune in text.EnumerateRunes())
        {
            run = rune == previous ? run + 1 : 1;
            previous = rune;
            if (run >= RepeatedCharacterRun && !Rune.IsWhiteSpace(rune) && !Rune.IsDigit(rune)) return true;
        }
        return false;
    }

    private static bool HasRepeatedWords(IReadOnlyList<Token> tokens)
    {
        for (int i = 0, run = 1; i < tokens.Count; i++)
        {
            run = i > 0 && tokens[i].Text == tokens[i - 1].Text ? run + 1 : 1;
            if (run >= RepeatedWordRun) return true;
        }
        return false;
    }

    private static bool IsShouting(string text)
    {
        var (upper, cased) = (0, 0);
        foreach (var c in text)
        {
            if (char.IsUpper(c)) { upper++; cased++; }
            else if (char.IsLower(c)) cased++;
        }
        return cased >= ShoutingMinLetters && upper >= ShoutingUpperShare * cased;
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}._%+\-]+@[\p{L}\p{Nd}\-]+(?:\.[\p{L}\p{Nd}\-]+)*\.\p{L}{2,}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\(?[0-9][0-9 ().\-/]{6,24}[0-9]", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}|[0-9]+[.,][0-9]+$)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DateOrDecimal();

    // Bare domains count only under top-level domains that are rarely anything else: "ASP.NET",
    // "socket.io" and "node.js" are what a tech audience writes, not spam.
    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)\S+|\b[\p{L}\p{Nd}][\p{L}\p{Nd}\-]*(?:\.[\p{L}\p{Nd}\-]+)*\.(?:com|org|info|biz|xyz|ru|ly|tk|top|click|link|shop|online|site)\b",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
