using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>What a valid response_data is for each known type. Unknown types accept any JSON object.</summary>
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
            ActivityTypeCatalog.Qa => Qa(config, data),
            ActivityTypeCatalog.PlanningPoker => PlanningPoker(config, data),
            _ => [],
        };
    }

    private static IReadOnlyList<string> Poll(JsonElement config, JsonElement data)
    {
        var allowMultiple = config.TryGetProperty("allow_multiple", out var m) && m.ValueKind == JsonValueKind.True;
        var (_, error) = PollResults.Resolve(ResponseData.StringList(config, "options"), allowMultiple, data);
        return error is null ? [] : [error];
    }

    private static IReadOnlyList<string> WordCloud(JsonElement config, JsonElement data)
    {
        var maxWords = ResponseData.Int(config, "max_words_per_participant") ?? 3;
        var maxLength = ResponseData.Int(config, "max_word_length") ?? 25;
        var words = WordCloudResults.Words(data);
        if (words.Count == 0) return ["a word cloud response needs word (a string) or words (an array of strings)"];
        if (words.Count > maxWords) return [$"at most {maxWords} word(s) per response"];
        return words.Any(w => w.Length > maxLength) ? [$"each word must be at most {maxLength} characters"] : [];
    }

    private static IReadOnlyList<string> Qa(JsonElement config, JsonElement data)
    {
        var maxLength = ResponseData.Int(config, "max_question_length") ?? 280;
        if (ResponseData.String(data, "question") is { } question)
        {
            var text = question.Trim();
            if (text.Length == 0) return ["question must not be empty"];
            return text.Length > maxLength ? [$"question must be at most {maxLength} characters"] : [];
        }
        if (data.TryGetProperty("upvote", out _))
        {
            if (config.TryGetProperty("allow_upvotes", out var up) && up.ValueKind == JsonValueKind.False) return ["upvotes are turned off for this Q&A"];
            return QaResults.UpvoteTarget(data) is null ? ["upvote must be the id (UUID) of a question"] : [];
        }
        return ["a Q&A response needs question (a string) or upvote (a question id)"];
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
