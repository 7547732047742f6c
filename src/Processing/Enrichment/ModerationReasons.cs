namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Why the rule-based moderator flags a text: a code before the colon (for clients to match on),
/// words for the host after it.
/// </summary>
public static class ModerationReasons
{
    public const string Empty = "empty: nothing is left after normalisation";
    public const string Profanity = "profanity: offensive language";
    public const string EmailAddress = "personal_data: contains an email address";
    public const string PhoneNumber = "personal_data: contains a phone number";
    public const string Link = "spam: contains a link";
    public const string RepeatedCharacters = "spam: the same character many times in a row";
    public const string RepeatedWords = "spam: the same word many times in a row";
    public const string Shouting = "shouting: mostly upper-case letters";

    /// <summary>The code of a reason: <c>personal_data</c> for <see cref="EmailAddress"/>.</summary>
    public static string Code(string reason) => reason.Split(':', 2)[0];
}
