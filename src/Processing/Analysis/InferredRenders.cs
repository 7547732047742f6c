using System.Text.Json;
using System.Text.Json.Nodes;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Renders of activity types the platform does not know, read from the configuration's shape, most
/// specific first: a form (<c>fields</c>), a choice (<c>options</c>), a scale (<c>min</c>/<c>max</c>,
/// <c>range</c>, <c>stars</c>, or a rating/NPS type name), a word list (<c>max_words</c>), free text
/// (only a prompt), and plain JSON when nothing is recognised.
/// </summary>
internal static class InferredRenders
{
    private static readonly string[] PromptKeys = ["prompt", "question", "text", "title", "statement", "story", "topic", "instructions", "description", "label", "heading", "message"];
    private static readonly string[] OptionKeys = ["options", "choices", "answers", "alternatives", "answeroptions", "candidates"];
    private static readonly string[] MultipleKeys = ["allowmultiple", "multiselect", "multipleselection", "multiple", "multi", "allowmultipleanswers", "multipleanswers", "selectmultiple", "multiplechoice"];
    private static readonly string[] MaxLengthKeys = ["maxlength", "maxchars", "maxcharacters", "characterlimit", "charlimit", "maxanswerlength", "maxresponselength", "maxtextlength"];

    public static RenderPlan Infer(string activityType, JsonElement configuration, string title)
    {
        var reader = new ConfigurationReader(configuration);
        var typeWords = ConfigurationReader.Words(activityType);
        var configuredPrompt = reader.Text(PromptKeys);
        var prompt = Prompts.Pick(configuredPrompt, title);
        var about = $"Inferred from the configuration of '{Prompts.Shorten(activityType, 60)}'";

        if (reader.FindAll("fields", "questions", "formfields", "inputs").Select(InferredForm.Read).FirstOrDefault(f => f is not null) is { } form)
        {
            var capped = form.Fields.Count == InferredForm.MaxFields && form.Listed > InferredForm.MaxFields;
            var description = $"{about}: a form of {form.Fields.Count} field(s){Capped(capped, form.Listed, InferredForm.MaxFields, "fields")}.";
            var schema = Root(description);
            foreach (var (key, value) in form.Schema) schema[key] = value?.DeepClone();
            return new RenderPlan(new ParticipantRender("form", prompt, Fields: form.Fields), new ViewerRender("table", prompt), schema);
        }

        if (reader.FindAll(OptionKeys).Select(OptionLists.Read).FirstOrDefault(o => o is not null) is { } list)
            return Choice(reader, list, prompt, about);

        if (InferredScale.Read(reader, typeWords) is { } scale)
        {
            var value = OfType(scale.IsInteger ? "integer" : "number");
            value["minimum"] = scale.Min;
            value["maximum"] = scale.Max;
            if (scale.MultipleOf is { } step) value["multipleOf"] = step;
            var schema = Root($"{about}: a value from {scale.Min} to {scale.Max}.");
            schema["required"] = new JsonArray("value");
            schema["properties"] = new JsonObject { ["value"] = value };
            var participant = new ParticipantRender("scale", prompt, Min: scale.Min, Max: scale.Max, Step: scale.Step);
            return new RenderPlan(participant, new ViewerRender("distribution", prompt, "value"), schema);
        }

        if (reader.Number("maxwords", "maxwordsperparticipant", "wordsperparticipant") is not null || typeWords.Any(w => w is "word" or "words" or "wordcloud"))
        {
            var maxWords = (int)Math.Clamp(reader.Number("maxwords", "maxwordsperparticipant", "wordsperparticipant") ?? 3, 1, OptionLists.MaxOptions);
            var maxLength = (int)Math.Clamp(reader.Number("maxwordlength", "maxlength") ?? 25, 1, Prompts.MaxLength);
            var participant = new ParticipantRender("word_list", prompt, MaxLength: maxLength, MaxItems: maxWords);
            return new RenderPlan(participant, new ViewerRender("word_cloud", prompt, "words"), KnownTypeRenders.WordListResponse(maxWords, maxLength));
        }

        if (configuredPrompt is not null)
        {
            var maxLength = (int)Math.Clamp(reader.Number(MaxLengthKeys) ?? InferredForm.DefaultMaxLength, 1, InferredForm.MaxMaxLength);
            var schema = Root($"{about}: a free-text answer of at most {maxLength} characters.");
            schema["required"] = new JsonArray("text");
            schema["properties"] = new JsonObject { ["text"] = StringSchema(SchemaPatterns.NotBlank, maxLength) };
            // Answers people vote on read best ranked; others as a plain list.
            var chart = reader.IsTrue("allowupvotes", "upvotes", "allowvoting", "voting") ? "ranked_list" : "table";
            return new RenderPlan(new ParticipantRender("free_text", prompt, MaxLength: maxLength), new ViewerRender(chart, prompt, "text"), schema);
        }

        return new RenderPlan(new ParticipantRender("json", prompt), new ViewerRender("table", prompt),
            Root($"{about}: no known shape, so any JSON object is accepted."));
    }

    private static RenderPlan Choice(ConfigurationReader reader, OptionList list, string? prompt, string about)
    {
        var count = list.Options.Count;
        var maxSelections = ConfigurationReader.Whole(reader.Number("maxselections", "maxchoices", "maxselect", "maxanswers", "maxpicks"));
        var multiple = reader.IsTrue(MultipleKeys) || maxSelections > 1;
        var min = multiple ? Math.Clamp(ConfigurationReader.Whole(reader.Number("minselections", "minchoices", "minselect", "minanswers", "minpicks")) ?? 1, 1, count) : 1;
        var max = multiple ? Math.Clamp(maxSelections ?? count, min, count) : 1;
        var description = $"{about}: a {(multiple ? "multiple" : "single")} choice of {count} options{Capped(list.Truncated, list.Listed, OptionLists.MaxOptions, "options")}.";
        var participant = new ParticipantRender(multiple ? "multiple_choice" : "single_choice", prompt, list.Options, min, max);
        var viewer = new ViewerRender("bar_chart", prompt, multiple ? "option_indices" : "option_index");
        return new RenderPlan(participant, viewer, ChoiceSchemas.PollResponse(list.Options, multiple, min, max, description));
    }

    private static string Capped(bool capped, int listed, int cap, string what) =>
        capped ? $" (the configuration lists {listed} {what}; only the first {cap} are offered)" : "";
}
