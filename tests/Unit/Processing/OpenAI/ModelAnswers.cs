using System.Text.Json.Nodes;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

/// <summary>Valid structured answers, as a strict-mode model sends them (every key present, nulls included), for tests to break.</summary>
public static class ModelAnswers
{
    public static JsonObject PollRender() => new()
    {
        ["participant"] = new JsonObject
        {
            ["widget"] = "single_choice",
            ["prompt"] = "Lunch?",
            ["options"] = new JsonArray("Pizza", "Sushi"),
            ["min_selections"] = null,
            ["max_selections"] = null,
            ["min"] = null,
            ["max"] = null,
            ["step"] = null,
            ["max_length"] = null,
            ["max_items"] = null,
            ["fields"] = null,
        },
        ["viewer"] = new JsonObject { ["chart"] = "bar_chart", ["title"] = "Lunch?", ["field"] = "option_index" },
        ["response_schema_json"] = """{"type": "object", "required": ["option_index"], "properties": {"option_index": {"type": "integer", "minimum": 0, "maximum": 1}}}""",
    };

    public static JsonObject Enrichment() => new()
    {
        ["normalized_text"] = "When do we ship the new app?",
        ["language"] = "en",
        ["sentiment"] = "neutral",
        ["sentiment_score"] = 0.1,
        ["topics"] = new JsonArray("Release", "app", "release"),
        ["moderation"] = new JsonObject { ["verdict"] = "approve", ["reason"] = null },
    };

    public static FakeReply Reply(JsonObject answer) => FakeReply.Completion(answer.ToJsonString());

    /// <summary>Sets a property by dotted path (<c>participant.widget</c>) to a JSON value.</summary>
    public static JsonObject With(this JsonObject answer, string path, string valueJson)
    {
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(answer, (node, name) => node[name]!.AsObject());
        parent[parts[^1]] = JsonNode.Parse(valueJson);
        return answer;
    }
}
