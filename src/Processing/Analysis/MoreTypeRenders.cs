using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.ActivityTypes.Types;
using Conflicto.Processing.Results;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Renders of scale, ranking, open text and numeric guess. As in <see cref="KnownTypeRenders"/>, each
/// response schema accepts what the type's rules accept (unit tests compare them), with one looser
/// spot: a scale's <c>ratings</c> of nulls only (the rules want at least one rating; JSON Schema
/// without <c>contains</c> cannot say so).
/// </summary>
internal static class MoreTypeRenders
{
    public static RenderPlan For(string activityType, JsonElement configuration, string title) => activityType switch
    {
        ActivityTypeCatalog.Scale => Scale(configuration, title),
        ActivityTypeCatalog.Ranking => Ranking(configuration, title),
        ActivityTypeCatalog.OpenText => OpenText(configuration, title),
        _ => Numeric(configuration, title),
    };

    private static RenderPlan Scale(JsonElement configuration, string title)
    {
        var max = ScaleType.Max(configuration);
        var statements = ScaleType.Statements(configuration);
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        var several = ScaleType.HasStatements(configuration);
        var labels = ResponseData.StringList(configuration, "labels");
        var participant = new ParticipantRender("scale", question, several ? statements : labels.Count == max ? labels : null, Min: 1, Max: max, Step: 1);
        var point = Integer(1, max);
        var shapes = new List<JsonObject>();
        if (statements.Count == 1) shapes.Add(Shape("rating", point));
        var entries = new JsonObject { ["anyOf"] = new JsonArray(Integer(1, max), OfType("null")) };
        // "At least one rated" is the rules' alone: JSON Schema without contains cannot say it, so all-null arrays pass here.
        var ratings = new JsonObject { ["type"] = "array", ["items"] = entries, ["minItems"] = statements.Count, ["maxItems"] = statements.Count };
        shapes.Add(Shape("ratings", ratings, ("rating", Not(new JsonObject()))));
        return new RenderPlan(participant, new ViewerRender("distribution", question, several ? "ratings" : "rating"),
            Root($"A rating from 1 to {max}: rating (one statement) or ratings (one entry per statement, null skips one).", shapes));
    }

    private static RenderPlan Ranking(JsonElement configuration, string title)
    {
        var items = RankingType.Items(configuration);
        var partial = RankingType.AllowsPartial(configuration);
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        var participant = new ParticipantRender("ranking", question, items, MinSelections: partial ? 1 : items.Count, MaxSelections: items.Count);
        var shapes = items.Count == 0 ? [] : new List<JsonObject> { Shape("order", UniqueArray(Integer(0, items.Count - 1), partial ? 1 : items.Count, items.Count)) };
        return new RenderPlan(participant, new ViewerRender("ranked_list", question, "order"),
            Root("An order of the items: their indices, best first (order).", shapes));
    }

    private static RenderPlan OpenText(JsonElement configuration, string title)
    {
        var maxLength = OpenTextType.MaxLength(configuration);
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        var text = StringSchema(SchemaPatterns.TrimmedLength(maxLength), description: $"An answer of 1 to {maxLength} characters, surrounding white space not counted.");
        return new RenderPlan(new ParticipantRender("free_text", question, MaxLength: maxLength), new ViewerRender("table", question, "text"),
            Root("A free-text answer (text).", maxLength >= 1 ? [Shape("text", text)] : []));
    }

    private static RenderPlan Numeric(JsonElement configuration, string title)
    {
        var (min, max) = (NumericType.Min(configuration), NumericType.Max(configuration));
        var integers = NumericType.IntegersOnly(configuration);
        var question = Prompts.Pick(ResponseData.String(configuration, "question"), title);
        // correct_value stays out: a render reaches participants.
        var participant = new ParticipantRender("number", question, Min: min, Max: max, Step: integers ? 1 : null);
        var value = new JsonObject { ["type"] = integers ? "integer" : "number", ["minimum"] = min, ["maximum"] = max };
        return new RenderPlan(participant, new ViewerRender("distribution", question, "value"),
            Root($"A guess from {NumericType.Text(min)} to {NumericType.Text(max)} (value).", min <= max ? [Shape("value", value)] : []));
    }
}
