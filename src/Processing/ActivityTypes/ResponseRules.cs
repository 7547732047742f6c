using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// What a valid response_data is for each known type, our shapes and the legacy ones alike. For a
/// known type these rules are the whole contract, from the first response on: an analysis's
/// response_schema never adds to them. Unknown types accept any JSON object.
/// </summary>
public static class ResponseRules
{
    public static IReadOnlyList<string> Validate(ActivityRow activity, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) return ["response_data must be a JSON object"];
        var config = activity.Configuration;
        return activity.ActivityType switch
        {
            ActivityTypeCatalog.Poll => Poll(config, data),
            ActivityTypeCatalog.WordCloud => WordCloud(config, data),
            ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna => Qa(activity.ActivityType, config, data),
            ActivityTypeCatalog.PlanningPoker => PlanningPoker(config, data),
            ActivityTypeCatalog.Scale => Types.ScaleType.Read(config, data).Error is { } scale ? [scale] : [],
            ActivityTypeCatalog.Ranking => Types.RankingType.Read(config, data).Error is { } ranking ? [ranking] : [],
            ActivityTypeCatalog.OpenText => Types.OpenTextType.Validate(config, data),
            ActivityTypeCatalog.Numeric => Types.NumericType.Read(config, data).Error is { } numeric ? [numeric] : [],
            ActivityTypeCatalog.Quiz => Quiz.QuizRules.Response(config, data),
            _ => [],
        };
    }

    private static IReadOnlyList<string> Poll(JsonElement config, JsonElement data)
    {
        var (_, error) = PollResults.Resolve(ResponseData.StringList(config, "options"), ConfigKeys.PollAllowsMultiple(config), data);
        return error is null ? [] : [error];
    }

    private static IReadOnlyList<string> WordCloud(JsonElement config, JsonElement data)
    {
        var perSubmission = ConfigKeys.WordsPerSubmission(config);
        var maxLength = ConfigKeys.MaxWordLength(config);
        var words = WordCloudResults.Words(data);
        if (words.Count == 0) return ["a word cloud response needs word (a string) or words (an array of strings)"];
        if (words.Count > perSubmission) return [$"at most {perSubmission} word(s) per response"];
        if (words.Any(w => w.Length > maxLength)) return [$"each word must be at most {maxLength} characters"];
        if (!ConfigKeys.AllowsPhrases(config) && words.FirstOrDefault(w => w.Contains(' ')) is { } phrase)
            return [$"'{phrase}' is a phrase: this word cloud takes single words only"];
        var banned = ConfigKeys.BannedWords(config).Select(b => LegacyWords.Normalize(b, caseSensitive: false)).Where(b => b.Length > 0).ToHashSet(StringComparer.Ordinal);
        // The banned word is not repeated back: the list is the host's, and the participant knows what they sent.
        if (banned.Count > 0 && words.Any(w => banned.Contains(LegacyWords.Normalize(w, caseSensitive: false))))
            return ["one of the words is not allowed in this word cloud"];
        return [];
    }

    private static IReadOnlyList<string> Qa(string type, JsonElement config, JsonElement data)
    {
        var maxLength = ConfigKeys.QaMaxQuestionLength(type, config);
        if (ResponseData.String(data, "question") is { } question) return QuestionText("question", question, maxLength);
        if (data.TryGetProperty("upvote", out _))
        {
            if (!ConfigKeys.QaAllowsUpvotes(config)) return ["upvotes are turned off for this Q&A"];
            return QaResults.UpvoteTarget(data) is null ? ["upvote must be the id (UUID) of a question"] : [];
        }
        switch (ResponseData.String(data, "type"))
        {
            case "question":
                if (ResponseData.String(data, "question_text") is not { } text) return ["a question needs question_text (a string)"];
                if (data.TryGetProperty("anonymous", out var anonymous))
                {
                    if (anonymous.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return ["anonymous must be true or false"];
                    if (anonymous.ValueKind == JsonValueKind.True && !ConfigKeys.QaAllowsAnonymous(type, config))
                        return ["anonymous questions are turned off for this Q&A"];
                }
                return QuestionText("question_text", text, maxLength);
            case "vote":
                if (!ConfigKeys.QaAllowsUpvotes(config)) return ["voting is turned off for this Q&A"];
                return QaResults.UpvoteTarget(data) is null ? ["question_id must be the id (UUID) of a question"] : [];
        }
        return ["a Q&A response needs question (a string) or upvote (a question id), or the legacy type \"question\" with question_text or type \"vote\" with question_id"];
    }

    private static IReadOnlyList<string> QuestionText(string field, string text, int maxLength)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return [$"{field} must not be empty"];
        return trimmed.Length > maxLength ? [$"{field} must be at most {maxLength} characters"] : [];
    }

    private static IReadOnlyList<string> PlanningPoker(JsonElement config, JsonElement data)
    {
        var value = PlanningPokerResults.Value(data);
        if (value is null) return ["a planning poker response needs value (a card from the deck)"];
        var deck = ResponseData.StringList(config, "card_values");
        if (deck.Count == 0) deck = ActivityTypeRules.DefaultCards;
        return deck.Contains(value) ? [] : [$"value must be one of: {string.Join(", ", deck)}"];
    }
}
