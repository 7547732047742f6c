using System.Text.Json;
using Conflicto.Processing.Analysis;

namespace Conflicto.Processing.OpenAI;

/// <summary>Checks a model's schema-analysis answer and maps it to a <see cref="SchemaRender"/>, or throws.</summary>
internal static class RenderAnswer
{
    /// <exception cref="AnalyzerOutputException">Anything in the answer is missing, unknown or inconsistent.</exception>
    public static async Task<SchemaRender> MapAsync(JsonElement answer, string analyzer, CancellationToken ct, string source = "model")
    {
        var reader = new AnswerReader("schema analysis", source);
        var participant = Participant(reader, reader.Object(answer, "participant"));
        var viewer = Viewer(reader, reader.Object(answer, "viewer"));
        var schemaText = reader.String(answer, "response_schema_json", required: true);
        var schema = schemaText is null ? null : await ResponseSchemaCheck.ParseAsync(reader, "response_schema_json", schemaText, ct);
        reader.ThrowIfInvalid();
        return new SchemaRender(participant!, viewer!, schema!.Value, analyzer);
    }

    private static ParticipantRender? Participant(AnswerReader reader, JsonElement? json)
    {
        const string at = "participant";
        var widget = reader.OneOf(json, $"{at}.widget", RenderVocabulary.Widgets);
        var options = reader.Strings(json, $"{at}.options");
        var render = new ParticipantRender(
            widget ?? "",
            Prompt: reader.String(json, $"{at}.prompt"),
            Options: options,
            MinSelections: reader.Integer(json, $"{at}.min_selections", min: 0),
            MaxSelections: reader.Integer(json, $"{at}.max_selections", min: 1),
            Min: reader.Number(json, $"{at}.min"),
            Max: reader.Number(json, $"{at}.max"),
            Step: reader.Number(json, $"{at}.step"),
            MaxLength: reader.Integer(json, $"{at}.max_length", min: 1),
            MaxItems: reader.Integer(json, $"{at}.max_items", min: 1),
            Fields: Fields(reader, reader.Array(json, $"{at}.fields")));

        if (render.MinSelections > render.MaxSelections)
            reader.Error($"{at}.min_selections", $"{render.MinSelections} is more than max_selections {render.MaxSelections}");
        if (render.Min > render.Max) reader.Error($"{at}.min", $"{render.Min} is more than max {render.Max}");
        if (render.Step <= 0) reader.Error($"{at}.step", "must be positive");
        if (widget is null) return null;

        if (RenderVocabulary.ChoiceWidgets.Contains(widget) && options is not { Count: > 0 })
            reader.Error($"{at}.options", $"a {widget} widget needs at least one option");
        if (widget == "scale" && (render.Min is null || render.Max is null))
            reader.Error(at, "a scale widget needs min and max");
        if (widget == "form" && render.Fields is not { Count: > 0 })
            reader.Error($"{at}.fields", "a form widget needs at least one field");
        return render;
    }

    private static List<FieldRender>? Fields(AnswerReader reader, JsonElement? array)
    {
        if (array is not { } items) return null;
        var fields = new List<FieldRender>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"participant.fields[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(at, "must be an object");
                continue;
            }
            var name = reader.String(item, $"{at}.name", required: true);
            var widget = reader.OneOf(item, $"{at}.widget", RenderVocabulary.FieldWidgets);
            var options = reader.Strings(item, $"{at}.options");
            var field = new FieldRender(
                name ?? "", widget ?? "", reader.String(item, $"{at}.label"), reader.Boolean(item, $"{at}.required") ?? false,
                options, reader.Integer(item, $"{at}.max_length", min: 1), reader.Number(item, $"{at}.min"), reader.Number(item, $"{at}.max"));

            if (name is not null && !names.Add(name)) reader.Error($"{at}.name", $"'{name}' is used by an earlier field");
            if (widget is not null && RenderVocabulary.ChoiceWidgets.Contains(widget) && options is not { Count: > 0 })
                reader.Error($"{at}.options", $"a {widget} field needs at least one option");
            if (field.Min > field.Max) reader.Error($"{at}.min", $"{field.Min} is more than max {field.Max}");
            fields.Add(field);
        }
        return fields;
    }

    private static ViewerRender? Viewer(AnswerReader reader, JsonElement? json)
    {
        var chart = reader.OneOf(json, "viewer.chart", RenderVocabulary.Charts);
        var title = reader.String(json, "viewer.title");
        var field = reader.String(json, "viewer.field");
        return chart is null ? null : new ViewerRender(chart, title, field);
    }
}
