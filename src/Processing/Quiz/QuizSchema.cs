namespace Conflicto.Processing.Quiz;

/// <summary>The quiz configuration schema, served by GET /activities/types/quiz/schema and the legacy schema routes.</summary>
internal static class QuizSchema
{
    public const string Configuration = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Quiz configuration",
          "type": "object",
          "required": ["questions"],
          "properties": {
            "questions": {
              "type": "array", "minItems": 1, "maxItems": 100,
              "items": {
                "type": "object",
                "required": ["text", "options"],
                "properties": {
                  "text": { "type": "string", "minLength": 1, "maxLength": 500 },
                  "image_url": { "type": "string", "maxLength": 2000, "pattern": "^(https://|/api/v1/media/[A-Za-z0-9_-]{22}$)", "description": "An image shown with the question: an uploaded image's url (/api/v1/media/{id}) or an https URL." },
                  "time_limit_seconds": { "type": "integer", "minimum": 5, "maximum": 600, "default": 20 },
                  "options": {
                    "type": "array", "minItems": 2, "maxItems": 6,
                    "items": {
                      "type": "object",
                      "required": ["text"],
                      "properties": {
                        "text": { "type": "string", "minLength": 1, "maxLength": 200 },
                        "correct": { "type": "boolean", "default": false, "description": "Host-only: never shown to participants or viewers before the question's reveal." }
                      }
                    }
                  }
                }
              }
            },
            "points_base": { "type": "integer", "minimum": 0, "maximum": 10000, "default": 1000, "description": "Points for a correct answer given at once; speed scoring takes up to half of it away." },
            "speed_scoring": { "type": "boolean", "default": true, "description": "false: every correct answer earns points_base." },
            "streak_bonus": { "type": "integer", "minimum": 0, "maximum": 1000, "default": 100, "description": "Extra points per consecutive correct answer after the first (at most 5 steps)." },
            "anonymous": { "type": "boolean", "default": false, "description": "Leaderboards show no nicknames: each participant sees only their own rank." },
            "leaderboard_size": { "type": "integer", "minimum": 1, "maximum": 50, "default": 10 }
          }
        }
        """;
}
