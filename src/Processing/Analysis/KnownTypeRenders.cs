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
        var multiple = ConfigKeys.PollAllowsMultiple(configuration);
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        var participant = new ParticipantRender(multiple ? "multiple_choice" : "single_choice", question, options,
            MinSelections: 1, MaxSelections: multiple ? Math.Max(1, options.Count) : 1);
        var viewer = new ViewerRender("bar_chart", question, multiple ? "option_indices" : "option_index");
        var schema = ChoiceSchemas.PollResponse(options, multiple, 1, options.Count, "A vote in a poll: the legacy selected_options (option texts), or option_index / option / option_indices.");
        if (SelectedOptions(options, multiple) is { } legacy && schema["anyOf"] is JsonArray shapes) shapes.Insert(0, legacy);
        return new RenderPlan(participant, viewer, schema);
    }

    /// <summary>
    /// The legacy <c>{"selected_options": ["Blue"]}</c>, read by the rules after the other fields.
    /// One looser spot: uniqueItems compares exact texts, the rules compare them in any case.
    /// </summary>
    private static JsonObject? SelectedOptions(IReadOnlyList<string> options, bool multiple)
    {
        var texts = options.Where(o => o == o.Trim()).ToList();
        if (texts.Count == 0) return null;
        return Shape("selected_options", UniqueArray(TextChoice(texts, ignoreCase: true), 1, multiple ? options.Count : 1),
            ("option_index", Not(Int32())), ("option", Not(OfType("string"))), ("option_indices", Not(OfType("array"))));
    }

    public static RenderPlan WordCloud(JsonElement configuration, string title)
    {
        var maxWords = ConfigKeys.WordsPerSubmission(configuration);
        var maxLength = ConfigKeys.MaxWordLength(configuration);
        var prompt = Prompts.Pick(ResponseData.String(configuration, "prompt"), title);
        var participant = new ParticipantRender("word_list", prompt, MaxLength: Math.Max(0, maxLength), MaxItems: Math.Max(0, maxWords));
        // Banned words stay out of the schema on purpose: the list is the host's, not something to show participants.
        return new RenderPlan(participant, new ViewerRender("word_cloud", prompt, "words"),
            WordListResponse(maxWords, maxLength, ConfigKeys.AllowsPhrases(configuration)));
    }

    /// <summary>
    /// <c>{"words": [...]}</c> or <c>{"word": "..."}</c>. The rules skip non-strings and blank
    /// strings inside <c>words</c>; the schema refuses them, since it cannot count only some items.
    /// </summary>
    public static JsonObject WordListResponse(int maxWords, int maxLength, bool phrases = true)
    {
        const string description = "One word (word) or several (words); lengths count runs of white space as one character.";
        if (maxWords < 1 || maxLength < 1) return Root(description, []);
        JsonObject Word()
        {
            var word = StringSchema(SchemaPatterns.CollapsedLength(maxLength),
                description: phrases ? $"A word or short phrase of at most {maxLength} characters." : $"A single word of at most {maxLength} characters.");
            if (!phrases) word["allOf"] = new JsonArray(new JsonObject { ["pattern"] = @"^\s*\S+\s*$" });
            return word;
        }
        return Root(description,
        [
            Shape("words", WordArray(Word(), maxWords)),
            Shape("word", Word(), ("words", Not(OfType("array")))),
        ]);
    }

    // Repeated words are allowed (the rules count them), so no uniqueItems here.
    private static JsonObject WordArray(JsonObject items, int maxItems) =>
        new() { ["type"] = "array", ["items"] = items, ["minItems"] = 1, ["maxItems"] = maxItems };

    public static RenderPlan Qa(string activityType, JsonElement configuration, string title)
    {
        var maxLength = ConfigKeys.QaMaxQuestionLength(activityType, configuration);
        var upvotes = ConfigKeys.QaAllowsUpvotes(configuration);
        var topic = Prompts.Pick(ResponseData.String(configuration, "topic"), title);
        var shapes = new List<JsonObject>();
        JsonObject Text(string what) => StringSchema(SchemaPatterns.TrimmedLength(maxLength),
            description: $"{what} of 1 to {maxLength} characters, surrounding white space not counted.");
        // "format": "uuid" is Guid.TryParse in the server's validator, exactly what the rules use.
        JsonObject Id() => new() { ["type"] = "string", ["format"] = "uuid" };
        if (maxLength >= 1)
        {
            shapes.Add(Shape("question", Text("A question")));
            shapes.Add(Legacy("question", ("question_text", Text("The question")),
                ("anonymous", ConfigKeys.QaAllowsAnonymous(activityType, configuration) ? OfType("boolean") : Enum("boolean", [JsonValue.Create(false)]))));
        }
        if (upvotes)
        {
            shapes.Add(Shape("upvote", Id(), ("question", Not(OfType("string")))));
            shapes.Add(Legacy("vote", ("question_id", Id())));
        }
        var participant = new ParticipantRender("question_board", topic, MaxLength: Math.Max(0, maxLength));
        var description = upvotes
            ? "A question ({\"type\": \"question\", \"question_text\": ...} or {\"question\": ...}) or an upvote of a question by its id ({\"type\": \"vote\", \"question_id\": ...} or {\"upvote\": ...})."
            : "A question ({\"type\": \"question\", \"question_text\": ...} or {\"question\": ...}); votes are turned off.";
        return new RenderPlan(participant, new ViewerRender("ranked_list", topic, "question"), Root(description, shapes));
    }

    /// <summary>
    /// A legacy Q&amp;A shape: <c>type</c> names it and its first field is required. The rules read
    /// our <c>question</c> (a string) and <c>upvote</c> (present at all) first, so both must be absent or
    /// not apply; later fields are optional.
    /// </summary>
    private static JsonObject Legacy(string type, (string Name, JsonObject Schema) required, params (string Name, JsonObject Schema)[] optional)
    {
        var properties = new JsonObject
        {
            ["question"] = Not(OfType("string")),
            ["upvote"] = Not(new JsonObject()),
            ["type"] = StringEnum([type]),
            [required.Name] = required.Schema,
        };
        foreach (var (name, schema) in optional) properties[name] = schema;
        return new JsonObject { ["required"] = new JsonArray("type", required.Name), ["properties"] = properties };
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
