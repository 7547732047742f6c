using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// A form read from a <c>fields</c>/<c>questions</c> array: one <see cref="FieldRender"/> per
/// entry (an object, or a string taken as the label of a text field), the widget chosen from its
/// type hint (text, number, boolean, choice) or, without one, from what it holds.
/// </summary>
internal static class InferredForm
{
    public const int MaxFields = 50;
    public const int DefaultMaxLength = 500;
    public const int MaxMaxLength = 10_000;

    private static readonly string[] TextTypes = ["text", "string", "textarea", "shorttext", "longtext", "freetext", "paragraph", "input", "email", "url", "comment"];
    private static readonly string[] NumberTypes = ["number", "integer", "int", "float", "decimal", "numeric", "rating", "scale", "range", "slider", "stars", "nps"];
    private static readonly string[] ToggleTypes = ["boolean", "bool", "toggle", "switch", "yesno", "confirm", "checkbox"];
    private static readonly string[] MultipleTypes = ["multiplechoice", "multiselect", "checkboxes", "multiple", "multi", "tags"];

    public static (IReadOnlyList<FieldRender> Fields, JsonObject Schema, int Listed)? Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) return null;
        var fields = new List<FieldRender>();
        var schemas = new List<(string, JsonObject)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateArray())
        {
            if (fields.Count == MaxFields) break;
            if (Field(entry, fields.Count + 1, names) is not { } field) continue;
            fields.Add(field.Render);
            schemas.Add((field.Render.Name, field.Schema));
        }
        if (fields.Count == 0) return null;
        var schema = Object(schemas, [.. fields.Where(f => f.Required).Select(f => f.Name)]);
        return (fields, schema, value.GetArrayLength());
    }

    private static (FieldRender Render, JsonObject Schema)? Field(JsonElement entry, int position, HashSet<string> names)
    {
        if (entry.ValueKind == JsonValueKind.String)
        {
            var text = entry.GetString()!.Trim();
            if (text.Length == 0) return null;
            var label = Prompts.Shorten(text, Prompts.MaxLength);
            return TextField(new FieldRender(UniqueName(Slug(label), position, names), "free_text", label, MaxLength: DefaultMaxLength));
        }
        if (entry.ValueKind != JsonValueKind.Object) return null;

        var reader = new ConfigurationReader(entry, maxDepth: 1);
        var labelText = Prompts.Pick(reader.Text("label", "title", "question", "text", "prompt", "name"));
        var name = UniqueName(Slug(ConfigurationReader.AsText(reader.Find("name", "id", "key", "field") ?? default) ?? labelText ?? ""), position, names);
        var required = reader.IsTrue("required", "isrequired", "mandatory");
        var hint = ConfigurationReader.Normalize(reader.Text("type", "kind", "inputtype", "widget", "fieldtype", "input") ?? "");
        var options = reader.FindAll("options", "choices", "answers", "values").Select(OptionLists.Read).FirstOrDefault(o => o is not null);
        var min = reader.Number("min", "minimum", "minvalue");
        var max = reader.Number("max", "maximum", "maxvalue");

        var (isText, isNumber, isToggle) = (TextTypes.Contains(hint), NumberTypes.Contains(hint), ToggleTypes.Contains(hint));
        // Checkboxes with options are a multiple choice; one checkbox is a toggle.
        var multiple = MultipleTypes.Contains(hint) || hint == "checkbox" || reader.IsTrue("multiple", "allowmultiple", "multiselect");
        if (options is not null && !isText && !isNumber && (!isToggle || hint == "checkbox"))
        {
            var render = new FieldRender(name, multiple ? "multiple_choice" : "single_choice", labelText, required, options.Options);
            var choice = StringEnum(options.Options);
            return (render, multiple ? UniqueArray(choice, 1, options.Options.Count) : choice);
        }
        if (isNumber || (hint == "" && (min is not null || max is not null)))
        {
            (min, max) = (min ?? Defaults(hint).Min, max ?? Defaults(hint).Max);
            if (min > max) (min, max) = (max, min);
            var schema = OfType("number");
            if (min is { } lo) schema["minimum"] = lo;
            if (max is { } hi) schema["maximum"] = hi;
            return (new FieldRender(name, "number", labelText, required, Min: min, Max: max), schema);
        }
        if (isToggle) return (new FieldRender(name, "toggle", labelText, required), OfType("boolean"));
        var maxLength = (int)Math.Clamp(reader.Number("maxlength", "maxchars", "maxcharacters", "characterlimit") ?? DefaultMaxLength, 1, MaxMaxLength);
        return TextField(new FieldRender(name, "free_text", labelText, required, MaxLength: maxLength));
    }

    private static (FieldRender, JsonObject) TextField(FieldRender render) => (render, StringSchema(maxLength: render.MaxLength));

    private static (double? Min, double? Max) Defaults(string hint) => hint switch
    {
        "nps" => (0, 10),
        "rating" or "stars" => (1, 5),
        _ => (null, null),
    };

    /// <summary>A response field name: lower-case letters, digits and underscores, at most 40 characters.</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (slug.Length == 40) break;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '_') slug.Append('_');
        }
        return slug.ToString().TrimEnd('_');
    }

    private static string UniqueName(string slug, int position, HashSet<string> taken)
    {
        var name = slug.Length == 0 ? $"field_{position}" : slug;
        for (var n = 2; !taken.Add(name); n++) name = $"{(slug.Length == 0 ? $"field_{position}" : slug)}_{n}";
        return name;
    }
}
