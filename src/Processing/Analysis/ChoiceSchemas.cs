using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Analysis;

/// <summary>Response schemas for picking options, in the poll's format (shared by inferred choices, so clients need one).</summary>
internal static partial class ChoiceSchemas
{
    /// <summary>
    /// <c>{"option_index": i}</c>, <c>{"option": "text"}</c> (trimmed, any case) or, when
    /// <paramref name="multiple"/>, <c>{"option_indices": [...]}</c>. The rules read the fields in
    /// that order and the first one of the right type decides, so each shape requires the fields
    /// before it to be absent or of another type.
    /// </summary>
    public static JsonObject PollResponse(IReadOnlyList<string> options, bool multiple, int minSelections, int maxSelections, string description)
    {
        var shapes = new List<JsonObject>();
        if (options.Count == 0) return Root(description, shapes);
        var single = !multiple || minSelections <= 1;
        if (single) shapes.Add(Shape("option_index", Integer(0, options.Count - 1)));
        // An option with surrounding spaces can never equal a trimmed answer.
        var texts = options.Where(o => o == o.Trim()).ToList();
        if (single && texts.Count > 0) shapes.Add(Shape("option", TextChoice(texts, ignoreCase: true), ("option_index", Not(Int32()))));
        if (multiple)
            shapes.Add(Shape("option_indices", UniqueArray(Integer(0, options.Count - 1), minSelections, Math.Min(maxSelections, options.Count)),
                ("option_index", Not(Int32())), ("option", Not(OfType("string")))));
        return Root(description, shapes);
    }
}

/// <summary>Which planning-poker cards a JSON number can spell exactly as the card is written.</summary>
internal static partial class CardNumbers
{
    public static bool IsCanonicalInteger(string card) => Integer().IsMatch(card);

    public static bool IsCanonicalDecimal(string card) => Decimal().IsMatch(card);

    [GeneratedRegex(@"^(?:0|-?[1-9][0-9]{0,14})$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{0,13}[1-9]$")]
    private static partial Regex Decimal();
}
