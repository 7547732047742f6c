namespace Conflicto.Processing.ActivityTypes;

/// <summary>Configuration schemas of the known activity types, served by GET /activities/types/{type}/schema.</summary>
internal static class ActivityTypeSchemas
{
    public const string Poll = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Poll configuration",
          "type": "object",
          "required": ["question", "options"],
          "properties": {
            "question": { "type": "string", "minLength": 1, "maxLength": 500 },
            "options": { "type": "array", "minItems": 2, "maxItems": 20, "items": { "type": "string", "minLength": 1, "maxLength": 200 } },
            "allow_multiple": { "type": "boolean", "default": false },
            "allow_multiple_choice": { "type": "boolean", "default": false, "description": "Legacy name of allow_multiple." },
            "anonymous_voting": { "type": "boolean", "default": false },
            "show_results": { "type": "boolean", "default": true },
            "show_live_results": { "type": "boolean", "default": true, "description": "Legacy: echoed in the results for clients to honour." },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public const string WordCloud = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Word cloud configuration",
          "type": "object",
          "required": ["prompt"],
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "maxLength": 500 },
            "max_words_per_participant": { "type": "integer", "minimum": 1, "maximum": 10, "default": 3, "description": "Words one participant may give across all of their responses." },
            "max_words_per_submission": { "type": "integer", "minimum": 1, "maximum": 10, "description": "Legacy: words per response; alone, also the per-participant cap." },
            "max_word_length": { "type": "integer", "minimum": 1, "maximum": 50, "default": 25 },
            "allow_phrases": { "type": "boolean", "default": true, "description": "false refuses a word with a space in it." },
            "banned_words": { "type": "array", "maxItems": 500, "items": { "type": "string", "maxLength": 100 } },
            "case_sensitive": { "type": "boolean", "default": false },
            "show_live_results": { "type": "boolean", "default": true },
            "allow_anonymous": { "type": "boolean", "default": false },
            "moderation": { "type": "boolean", "default": false },
            "moderate_submissions": { "type": "boolean", "default": false, "description": "Legacy name of moderation." },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public const string Qa = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Q&A configuration",
          "type": "object",
          "properties": {
            "topic": { "type": "string", "maxLength": 500 },
            "allow_anonymous": { "type": "boolean", "default": false },
            "allow_upvotes": { "type": "boolean", "default": true },
            "moderation": { "type": "boolean", "default": false },
            "moderate_questions": { "type": "boolean", "default": false, "description": "Legacy name of moderation." },
            "enable_voting": { "type": "boolean", "default": true, "description": "Legacy: false turns upvotes off, like allow_upvotes." },
            "allow_multiple_votes": { "type": "boolean", "default": false, "description": "Count every upvote, not one per participant and question." },
            "show_vote_counts": { "type": "boolean", "default": true },
            "max_question_length": { "type": "integer", "minimum": 10, "maximum": 1000, "default": 280 },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    /// <summary>The legacy id of Q&amp;A: the same activity, with the first Conflicto's required topic and defaults.</summary>
    public const string Qna = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Q&A configuration (legacy id qna)",
          "type": "object",
          "required": ["topic"],
          "properties": {
            "topic": { "type": "string", "minLength": 1, "maxLength": 200 },
            "allow_anonymous": { "type": "boolean", "default": true },
            "enable_voting": { "type": "boolean", "default": true },
            "allow_upvotes": { "type": "boolean", "default": true },
            "moderate_questions": { "type": "boolean", "default": false },
            "moderation": { "type": "boolean", "default": false },
            "max_question_length": { "type": "integer", "minimum": 10, "maximum": 1000, "default": 500 },
            "allow_multiple_votes": { "type": "boolean", "default": false },
            "show_vote_counts": { "type": "boolean", "default": true },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public const string PlanningPoker = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Planning poker configuration",
          "type": "object",
          "required": ["story"],
          "properties": {
            "story": { "type": "string", "minLength": 1, "maxLength": 500 },
            "card_values": { "type": "array", "minItems": 2, "maxItems": 30, "items": { "type": ["string", "number"] } },
            "anonymous_voting": { "type": "boolean", "default": false },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;
}
