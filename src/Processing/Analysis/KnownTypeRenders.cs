using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Renders of the known activity types. Each response schema accepts what
/// <see cref="ResponseRules"/> accepts for the same configuration, read with the same readers, so
/// the two cannot drift apart silently (the unit tests check them against each other).
/// Where JSON Schema cannot say what the rules do, the schema is stricter (junk inside
/// <c>words</c>), with one looser exception (planning-poker numbers compared by value); both are
/// described where they are built.
/// </summary>
internal static class KnownTypeRenders
{
    public static RenderPlan Poll(JsonElement configuration, string title)
    {
        var options = ResponseData.StringList(configuration, "options");
        var multiple = configuration.TryGetProperty("allow_multiple", out var m) && m.ValueKind == JsonValueKind.True;
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        var participant = new ParticipantRender(multiple ? "multiple_choice" : "single_choice", question, options,
            MinSelections: 1, MaxSelections: multiple ? Math.Max(1, options.Count) : 1);
        var viewer = new ViewerRender("bar_chart", question, multiple ? "option_indices" : "option_index");
        return new RenderPlan(participant, viewer, ChoiceSchemas.PollResponse(options, multiple, 1, options.Count, "A vote in a poll."));
    }

    public static RenderPlan WordCloud(JsonElement configuration, string title)
    {
        var maxWords = ResponseData.Int(configuration, "max_words_per_participant") ?? 3;
        var maxLength = ResponseData.Int(configuration, "max_word_length") ?? 25;
        var prompt = Prompts.Pick(ResponseData.String(configuration, "prompt"), title);
        var participant = new ParticipantRender("word_list", prompt, MaxLength: Math.Max(0, maxLength), MaxItems: Math.Max(0, maxWords));
        return new RenderPlan(participant, new ViewerRender("word_cloud", prompt, "words"), WordListResponse(maxWords, maxLength));
    }

    /// <summary>
    /// <c>{"words": [...]}</c> or <c>{"word": "..."}</c>. The rules skip non-strings and blank
    /// strings inside <c>words</c>; the schema refuses them, since it cannot count only some items.
    /// </summary>
    public static JsonObject WordListResponse(int maxWords, int maxLength)
    {
        const string description = "One word (word) or several (words); lengths count runs of white space as one character.";
        if (maxWords < 1 || maxLength < 1) return Root(description, []);
        JsonObject Word() => StringSchema(SchemaPatterns.CollapsedLength(maxLength),
            description: $"A word or short phrase of at most {maxLength} characters.");
        return Root(description,
        [
            Shape("words", WordArray(Word(), maxWords)),
            Shape("word", Word(), ("words", Not(OfType("array")))),
        ]);
    }

    // Repeated words are allowed (the rules count them), so no uniqueItems here.
    private static JsonObject WordArray(JsonObject items, int maxItems) =>
        new() { ["type"] = "array", ["items"] = items, ["minItems"] = 1, ["maxItems"] = maxItems };

    public static RenderPlan Qa(JsonElement configuration, string title)
    {
        var maxLength = ResponseData.Int(configuration, "max_question_length") ?? 280;
        var upvotes = !(configuration.TryGetProperty("allow_upvotes", out var up) && up.ValueKind == JsonValueKind.False);
        var topic = Prompts.Pick(ResponseData.String(configuration, "topic"), title);
        var shapes = new List<JsonObject>();
        if (maxLength >= 1)
            shapes.Add(Shape("question", StringSchema(SchemaPatterns.TrimmedLength(maxLength),
                description: $"A question of 1 to {maxLength} characters, surrounding white space not counted.")));
        // "format": "uuid" is Guid.TryParse in the server's validator, exactly what the rules use.
        if (upvotes) shapes.Add(Shape("upvote", new JsonObject { ["type"] = "string", ["format"] = "uuid" }, ("question", Not(OfType("string")))));
        var participant = new ParticipantRender("question_board", topic, MaxLength: Math.Max(0, maxLength));
        var description = upvotes ? "A question (question) or an upvote of a question by its id (upvote)." : "A question (question); upvotes are turned off.";
        return new RenderPlan(participant, new ViewerRender("ranked_list", topic, "question"), Root(description, shapes));
    }

    public static RenderPlan PlanningPoker(JsonElement configuration, string title)
    {
        var deck = ResponseData.StringList(configuration, "card_values");
        if (deck.Count == 0) deck = ActivityTypeRules.DefaultCards;
        var cards = deck.Distinct(StringComparer.Ordinal).ToList();
        var story = Prompts.Pick(ResponseData.String(configuration, "story"), title);
        var participant = new ParticipantRender("card_picker", story, cards, MinSelections: 1, MaxSelections: 1);
        var value = CardValue(cards);
        var shapes = value is null ? [] : new List<JsonObject> { Shape("value", value) };
        return new RenderPlan(participant, new ViewerRender("distribution", story, "value"), Root("An estimate: one card of the deck (value).", shapes));
    }

    /// <summary>
    /// The rules compare the trimmed text of a string, or the JSON text of a number or boolean,
    /// with the deck. Numbers are listed by value: 5.0 passes the schema for the card "5" and fails
    /// the rules, the one place the schema is looser (integers are exact: 5.0 is no integer).
    /// </summary>
    private static JsonObject? CardValue(IReadOnlyList<string> cards)
    {
        var alternatives = new List<JsonObject>();
        // A card with surrounding spaces can never equal a trimmed answer; the empty card equals
        // any answer of spaces only (the rules drop an answer that is empty before trimming).
        var texts = cards.Where(c => c.Length > 0 && c == c.Trim()).ToList();
        if (texts.Count > 0) alternatives.Add(TextChoice(texts, ignoreCase: false));
        if (cards.Contains("")) alternatives.Add(StringSchema(SchemaPatterns.BlankNotEmpty));
        var integers = cards.Where(CardNumbers.IsCanonicalInteger).Select(c => (JsonNode?)JsonValue.Create(long.Parse(c, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (integers.Count > 0) alternatives.Add(Enum("integer", integers));
        var decimals = cards.Where(CardNumbers.IsCanonicalDecimal).Select(c => (JsonNode?)JsonValue.Create(decimal.Parse(c, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (decimals.Count > 0) alternatives.Add(Enum("number", decimals));
        var booleans = cards.Where(c => c is "true" or "false").Select(c => (JsonNode?)JsonValue.Create(c == "true")).ToList();
        if (booleans.Count > 0) alternatives.Add(Enum("boolean", booleans));
        return alternatives.Count == 0 ? null : AnyOf(alternatives);
    }
}
