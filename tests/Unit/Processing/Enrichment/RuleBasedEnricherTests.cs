using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Enrichment;

namespace Conflicto.Tests.Unit.Processing.Enrichment;

using Enrichment = Conflicto.Processing.Enrichment.Enrichment;

public class RuleBasedEnricherTests
{
    private static Enrichment Enrich(string text, string type = "qa") => RuleBasedEnricher.Enrich(new EnrichmentInput(type, text));

    [Theory]
    [InlineData("  Hello \t\n  world  ", "Hello world")]
    [InlineData("a\u0000b\u0007c\u007F", "abc")]
    [InlineData("zero\u200Bwidth\u00ADsoft\uFEFF", "zerowidthsoft")]
    [InlineData("Ca\u0301fe\u0301 au lait", "C\u00E1f\u00E9 au lait")]
    [InlineData("Gru\u0308\u00DFe", "Gr\u00FC\u00DFe")]
    [InlineData("\u0439 \u0438\u0306", "\u0439 \u0439")]
    [InlineData("family \U0001F468\u200D\U0001F469\u200D\U0001F467", "family \U0001F468\u200D\U0001F469\u200D\U0001F467")]
    [InlineData("line\r\nbreak\u2028and\u00A0nbsp", "line break and nbsp")]
    public void NormalizedText_IsTrimmedCollapsedStrippedAndComposed(string text, string expected)
    {
        Assert.Equal(expected, Enrich(text).NormalizedText);
    }

    [Fact]
    public void NormalizedText_DropsHalvesOfSurrogatePairs()
    {
        // Built in code: a lone surrogate does not survive the trip through test-case attributes.
        var text = "lone " + '\uD800' + " half " + '\uDC00';

        Assert.Equal("lone half", Enrich(text).NormalizedText);
    }

    [Theory]
    [InlineData("What is the best way to learn a new programming language?", "en")]
    [InlineData("Wie können wir die Qualität unserer Software verbessern?", "de")]
    [InlineData("Quelle est la meilleure façon de gérer les équipes à distance ?", "fr")]
    [InlineData("¿Cuál es el mejor lenguaje para aprender programación?", "es")]
    [InlineData("Wat is de beste manier om een nieuwe taal te leren?", "nl")]
    [InlineData("Qual è il modo migliore per imparare una nuova lingua?", "it")]
    [InlineData("Qual é a melhor maneira de aprender uma nova língua?", "pt")]
    [InlineData("How do we deploy this to production?", "en")]
    [InlineData("Warum ist das so langsam?", "de")]
    [InlineData("Pourquoi le déploiement est-il si lent ?", "fr")]
    [InlineData("¿Por qué no hay más tiempo para preguntas?", "es")]
    [InlineData("Hoe kunnen we dit beter testen?", "nl")]
    [InlineData("Perché il deploy è così lento?", "it")]
    [InlineData("Por que não temos mais tempo para perguntas?", "pt")]
    public void Language_OfATypicalSentence_IsDetected(string text, string language)
    {
        Assert.Equal(language, Enrich(text).Language);
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("great talk")]
    [InlineData("Kubernetes Docker Terraform")]
    [InlineData("123 456 789")]
    [InlineData("")]
    public void Language_OfShortOrFunctionWordFreeText_IsUndetermined(string text)
    {
        Assert.Equal("und", Enrich(text).Language);
    }

    [Theory]
    [InlineData("This talk was great and really helpful", "positive")]
    [InlineData("great", "positive")]
    [InlineData("Der Vortrag war super und sehr hilfreich", "positive")]
    [InlineData("This was a terrible and boring session", "negative")]
    [InlineData("Das war langweilig", "negative")]
    [InlineData("This was not good", "negative")]
    [InlineData("I don't like it, it isn't helpful", "negative")]
    [InlineData("Not bad at all", "positive")]
    [InlineData("Das war nicht gut", "negative")]
    [InlineData("Der Vortrag gefällt mir nicht", "negative")]
    [InlineData("Ce n'est pas bon", "negative")]
    [InlineData("No es bueno para nada", "negative")]
    [InlineData("The meeting is at noon", "neutral")]
    [InlineData("What is the best way to learn Rust?", "neutral")]
    public void Sentiment_FollowsTheLexiconAndNegation(string text, string sentiment)
    {
        var enrichment = Enrich(text);

        Assert.Equal(sentiment, enrichment.Sentiment);
        Assert.InRange(enrichment.SentimentScore, -1, 1);
        Assert.Equal(sentiment switch { "positive" => 1, "negative" => -1, _ => 0 }, Math.Sign(enrichment.SentimentScore));
    }

    [Fact]
    public void Sentiment_NegationOnlyReachesIntoItsOwnClause()
    {
        Assert.Equal("positive", Enrich("No slides, but a great talk").Sentiment);
    }

    [Fact]
    public void Sentiment_MoreOfTheSameScoresStronger()
    {
        Assert.True(Enrich("great, helpful, amazing").SentimentScore > Enrich("great").SentimentScore);
        Assert.True(Enrich("very good").SentimentScore > Enrich("good").SentimentScore);
    }

    [Theory]
    [InlineData("Kubernetes scaling and Kubernetes security", new[] { "kubernetes", "security", "scaling" })]
    [InlineData("How do we deploy this to production?", new[] { "production", "deploy" })]
    [InlineData("Wie können wir die Qualität unserer Software verbessern?", new[] { "verbessern", "qualität", "software" })]
    [InlineData("the and of it is", new string[0])]
    [InlineData("Is it really not 2024?", new string[0])]
    [InlineData("ZEBRA apple mango zebra Apple kiwi", new[] { "apple", "zebra", "mango" })]
    public void Topics_AreTheMostFrequentThenLongestContentWords(string text, string[] topics)
    {
        Assert.Equal(topics, Enrich(text).Topics);
    }

    [Fact]
    public void Enrich_CleanText_IsApprovedByTheRuleBasedEnricher()
    {
        var enrichment = Enrich("What are the next steps for the migration?");

        Assert.Equal(ModerationVerdict.Approved, enrichment.Moderation);
        Assert.Equal("rule-based", enrichment.Enricher);
    }

    [Fact]
    public void Enrich_SameInputTwice_IsIdentical()
    {
        const string text = "  Why is the déploiement so slow?? Call 555-123-4567  ";

        Assert.Equal(Json.Serialize(Enrich(text)), Json.Serialize(Enrich(text)));
    }

    [Fact]
    public async Task EnrichAsync_ReturnsTheSameAsEnrich()
    {
        var enricher = new RuleBasedEnricher();

        var enrichment = await enricher.EnrichAsync(new EnrichmentInput("word_cloud", " Teamwork "), CancellationToken.None);

        Assert.Equal("rule-based", enricher.Name);
        Assert.Equal(Json.Serialize(Enrich(" Teamwork ", "word_cloud")), Json.Serialize(enrichment));
        Assert.Equal("Teamwork", enrichment.NormalizedText);
    }

    [Fact]
    public async Task EnrichAsync_Cancelled_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new RuleBasedEnricher().EnrichAsync(new EnrichmentInput("qa", "hi"), new CancellationToken(canceled: true)));
    }
}
