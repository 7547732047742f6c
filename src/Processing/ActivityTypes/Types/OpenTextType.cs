using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes.Types;

/// <summary>
/// <c>open_text</c>: participants answer in their own words. A response is <c>{"text": "..."}</c>,
/// 1 to <c>max_length</c> characters once trimmed. Answers are enriched and moderated like Q&amp;A
/// questions; participants and the screen see them only when the host sets <c>show_answers</c>.
/// </summary>
public static class OpenTextType
{
    public const int DefaultMaxLength = 280;
    public const int DefaultAnswersPerParticipant = 1;

    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Open text configuration",
          "type": "object",
          "required": ["question"],
          "properties": {
            "question": { "type": "string", "minLength": 1, "maxLength": 500 },
            "max_length": { "type": "integer", "minimum": 10, "maximum": 2000, "default": 280, "description": "Characters per answer, surrounding white space not counted." },
            "max_answers_per_participant": { "type": "integer", "minimum": 1, "maximum": 10, "default": 1 },
            "moderation": { "type": "boolean", "default": false, "description": "Answers are shown only once approved (by the host or the enricher)." },
            "show_answers": { "type": "boolean", "default": false, "description": "Participants and the screen see the (approved) answers; otherwise only counts." },
            "anonymous_voting": { "type": "boolean", "default": false },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public static int MaxLength(JsonElement configuration) => ResponseData.Int(configuration, "max_length") ?? DefaultMaxLength;

    public static int AnswersPerParticipant(JsonElement configuration) =>
        ResponseData.Int(configuration, "max_answers_per_participant") ?? DefaultAnswersPerParticipant;

    public static bool ShowsAnswers(JsonElement configuration) => ConfigKeys.Flag(configuration, "show_answers", false);

    /// <summary>The answer's text, trimmed; null when the response has none.</summary>
    public static string? Text(JsonElement data) => ResponseData.String(data, "text")?.Trim();

    public static IReadOnlyList<string> Validate(JsonElement configuration, JsonElement data)
    {
        if (ResponseData.String(data, "text") is not { } text) return ["an open text response needs text (a string)"];
        var trimmed = text.Trim();
        var max = MaxLength(configuration);
        if (trimmed.Length == 0) return ["text must not be empty"];
        return trimmed.Length > max ? [$"text must be at most {max} characters"] : [];
    }
}
