using Conflicto.Processing.Enrichment;

namespace Conflicto.Tests.Unit.Processing.Enrichment;

public class RuleBasedModerationTests
{
    private static ModerationVerdict Moderate(string text) => RuleBasedEnricher.Enrich(new EnrichmentInput("qa", text)).Moderation;

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("\u0000\u200B\uFEFF")]
    public void EmptyAfterNormalization_IsFlagged(string text) => Assert.Equal(ModerationVerdict.Flagged(ModerationReasons.Empty), Moderate(text));

    [Theory]
    [InlineData("what the fuck")]
    [InlineData("This is FUCKING great")]
    [InlineData("sh1t happens")]
    [InlineData("$hit happens")]
    [InlineData("f*ck this")]
    [InlineData("fuuuuck")]
    [InlineData("shitty slides")]
    [InlineData("you b!tch")]
    [InlineData("@sshole")]
    [InlineData("sh\u00ADit")]
    [InlineData("Scheiße!")]
    [InlineData("scheisse")]
    [InlineData("quelle merde")]
    [InlineData("enculé")]
    [InlineData("qué mierda")]
    [InlineData("che cazzo")]
    [InlineData("que porra")]
    [InlineData("wat een klootzak")]
    public void Profanity_IncludingSimpleDisguises_IsFlagged(string text) =>
        Assert.Equal(ModerationVerdict.Flagged(ModerationReasons.Profanity), Moderate(text));

    [Theory]
    [InlineData("Scunthorpe is a town")]
    [InlineData("shiitake mushrooms")]
    [InlineData("a class assessment")]
    [InlineData("Dickens wrote novels")]
    [InlineData("I need a bitcoin wallet")]
    [InlineData("fuchsia and cocktail")]
    [InlineData("The shell script is as good as it gets")]
    [InlineData("Score: 455 points")]
    public void WordsThatOnlyContainASwearWord_AreApproved(string text) => Assert.Equal(ModerationVerdict.Approved, Moderate(text));

    [Theory]
    [InlineData("mail me at ada@example.com", ModerationReasons.EmailAddress)]
    [InlineData("ADA.LOVELACE+talks@mail.example.co.uk", ModerationReasons.EmailAddress)]
    [InlineData("call +49 170 1234567", ModerationReasons.PhoneNumber)]
    [InlineData("call (555) 123-4567", ModerationReasons.PhoneNumber)]
    [InlineData("my number is 0612345678", ModerationReasons.PhoneNumber)]
    [InlineData("visit https://spam.example", ModerationReasons.Link)]
    [InlineData("see www.example.net for more", ModerationReasons.Link)]
    [InlineData("cheap pills at pills.com", ModerationReasons.Link)]
    [InlineData("go to bit.ly/xyz", ModerationReasons.Link)]
    [InlineData("aaaaaaaaaa", ModerationReasons.RepeatedCharacters)]
    [InlineData("Nice!!!!!!!!", ModerationReasons.RepeatedCharacters)]
    [InlineData("\U0001F600\U0001F600\U0001F600\U0001F600\U0001F600\U0001F600\U0001F600", ModerationReasons.RepeatedCharacters)]
    [InlineData("buy buy buy buy buy now", ModerationReasons.RepeatedWords)]
    [InlineData("THIS IS THE WORST TALK EVER", ModerationReasons.Shouting)]
    [InlineData("WHY DOES NOBODY ANSWER MY QUESTION?", ModerationReasons.Shouting)]
    public void EachModerationRule_FlagsWithItsReason(string text, string reason)
    {
        var verdict = Moderate(text);

        Assert.Equal(ModerationVerdict.Flag, verdict.Verdict);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("ASP.NET, node.js and socket.io: which one?")]
    [InlineData("Meet on 2024-01-15 at 10:30")]
    [InlineData("Release 1999-2005 and pi is 3.14159265")]
    [InlineData("Soooo good")]
    [InlineData("We saved 1000000 dollars")]
    [InlineData("AWS and GCP")]
    [InlineData("Is AWS or GCP better for ML?")]
    [InlineData("What about the e.g. and i.e. usage?")]
    [InlineData("Version 10.0.1 is out")]
    public void LookalikesOfFlaggedPatterns_AreApproved(string text) => Assert.Equal(ModerationVerdict.Approved, Moderate(text));

    [Fact]
    public void SeveralProblems_TheFirstRuleInOrderGivesTheReason()
    {
        Assert.Equal(ModerationReasons.Profanity, Moderate("SHIT, MAIL ME AT ADA@EXAMPLE.COM").Reason);
        Assert.Equal(ModerationReasons.EmailAddress, Moderate("ada@example.com or https://example.com").Reason);
    }

    [Fact]
    public void ReasonCodes_AreTheTextBeforeTheColon()
    {
        Assert.Equal("personal_data", ModerationReasons.Code(ModerationReasons.PhoneNumber));
        Assert.Equal("spam", ModerationReasons.Code(ModerationReasons.Link));
    }

    [Fact]
    public void Moderation_OfAHugeAdversarialText_FinishesQuickly()
    {
        var text = string.Concat(Enumerable.Repeat("f**** 5h!7 +1 (2) 3-4 a@b. www ", 5_000)) + new string('*', 50_000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var verdict = Moderate(text);

        Assert.Equal(ModerationVerdict.Flag, verdict.Verdict);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
