using System.Text.Encodings.Web;
using System.Text.Json;
using Conflicto.Processing.Analysis;

namespace Conflicto.Processing.OpenAI;

/// <summary>What the OpenAI analyzer tells the model, and the strict JSON Schema its answer must follow.</summary>
internal static class ActivityAnalysisPrompt
{
    public const string SchemaName = "schema_render";

    public static readonly string SystemPrompt = $$"""
        You design the user interface of one activity in a live audience-engagement app (polls,
        word clouds, Q&A, planning poker, and activities of any invented type). You get the
        activity's type, title and configuration (JSON chosen by the host). Answer with:

        participant: how each participant answers.
          widget: one of {{string.Join(", ", RenderVocabulary.Widgets)}}.
            single_choice / multiple_choice: pick from options (min_selections / max_selections for multiple).
            free_text: one text answer (max_length). word_list: a few short words (max_items, max_length).
            question_board: ask questions and upvote others' (Q&A). card_picker: pick one card from options.
            scale: a number from min to max by step. form: several fields. json: nothing better fits.
          prompt: the question shown to participants. options: the choices, in configuration order.
          fields (form only): name (the response_data property), widget (one of
            {{string.Join(", ", RenderVocabulary.FieldWidgets)}}), label, required, options, max_length, min, max.
          Use null for everything that does not apply.
        viewer: how results are shown to everyone.
          chart: one of {{string.Join(", ", RenderVocabulary.Charts)}}.
          title: a heading. field: the response_data property charted, or null.
        response_schema_json: a JSON Schema (draft-07), written as a JSON string, that every
          participant's response_data must satisfy. Its root must be {"type": "object"}; describe
          properties, required ones, types, enums and limits taken from the configuration. Use only
          local "$ref"s (starting with #). Keep to what the configuration implies.

        Response data the platform already uses for known types (your schema must accept these):
          poll: {"selected_options": ["option text"]}, {"option_index": 0} or {"option": "text"}; with
            allow_multiple or allow_multiple_choice {"option_indices": [0, 2]} and several selected_options.
          word_cloud: {"word": "text"} or {"words": ["a", "b"]}, at most max_words_per_submission (or
            max_words_per_participant, default 3) words, each at most max_word_length characters (default 25).
          qa and qna: {"type": "question", "question_text": "text", "anonymous": false} or {"question": "text"}
            (at most max_question_length characters, default 280, for qna 500), or
            {"type": "vote", "question_id": "<question id, a UUID>"} or {"upvote": "<question id, a UUID>"}.
          planning_poker: {"value": "5"}, a card from card_values (strings or numbers).
          scale: {"rating": 4} (1 to scale_max, default 5), or with statements {"ratings": [4, null, 2]}, one per statement.
          ranking: {"order": [2, 0, 1]}, item indices best first (all of them unless allow_partial).
          open_text: {"text": "..."}, at most max_length characters (default 280).
          numeric: {"value": 42.5}, a number from min to max.
        For invented types, infer the most natural way to answer from the configuration.
        """;

    // Relaxed escaping: the model reads "é" more easily than "\u00e9"; this JSON never meets HTML.
    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string UserMessage(ActivityAnalysisInput input) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["activity_type"] = input.ActivityType,
        ["title"] = input.Title,
        ["configuration"] = input.Configuration,
    }, MessageJson);

    // Strict mode: every property required (optional ones nullable), no additional properties, and
    // no free-form objects; hence the response schema travels as a string.
    public static readonly string AnswerSchema = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["participant", "viewer", "response_schema_json"],
          "properties": {
            "participant": {
              "type": "object",
              "additionalProperties": false,
              "required": ["widget", "prompt", "options", "min_selections", "max_selections", "min", "max", "step", "max_length", "max_items", "fields"],
              "properties": {
                "widget": { "type": "string", "enum": {{Enum(RenderVocabulary.Widgets)}} },
                "prompt": { "type": ["string", "null"] },
                "options": { "type": ["array", "null"], "items": { "type": "string" } },
                "min_selections": { "type": ["integer", "null"] },
                "max_selections": { "type": ["integer", "null"] },
                "min": { "type": ["number", "null"] },
                "max": { "type": ["number", "null"] },
                "step": { "type": ["number", "null"] },
                "max_length": { "type": ["integer", "null"] },
                "max_items": { "type": ["integer", "null"] },
                "fields": {
                  "type": ["array", "null"],
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name", "widget", "label", "required", "options", "max_length", "min", "max"],
                    "properties": {
                      "name": { "type": "string" },
                      "widget": { "type": "string", "enum": {{Enum(RenderVocabulary.FieldWidgets)}} },
                      "label": { "type": ["string", "null"] },
                      "required": { "type": "boolean" },
                      "options": { "type": ["array", "null"], "items": { "type": "string" } },
                      "max_length": { "type": ["integer", "null"] },
                      "min": { "type": ["number", "null"] },
                      "max": { "type": ["number", "null"] }
                    }
                  }
                }
              }
            },
            "viewer": {
              "type": "object",
              "additionalProperties": false,
              "required": ["chart", "title", "field"],
              "properties": {
                "chart": { "type": "string", "enum": {{Enum(RenderVocabulary.Charts)}} },
                "title": { "type": ["string", "null"] },
                "field": { "type": ["string", "null"] }
              }
            },
            "response_schema_json": { "type": "string" }
          }
        }
        """;

    private static string Enum(IEnumerable<string> values) => JsonSerializer.Serialize(values);
}
