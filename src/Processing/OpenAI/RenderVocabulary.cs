namespace Conflicto.Processing.OpenAI;

/// <summary>The widget and chart names a <see cref="Analysis.SchemaRender"/> may use (see its doc comments); the web client knows no others.</summary>
internal static class RenderVocabulary
{
    public static readonly string[] Widgets =
        ["single_choice", "multiple_choice", "free_text", "word_list", "question_board", "card_picker", "scale", "ranking", "number", "form", "json"];

    /// <summary>Form fields take the participant widgets plus number and toggle; forms do not nest.</summary>
    public static readonly string[] FieldWidgets =
        ["single_choice", "multiple_choice", "free_text", "word_list", "card_picker", "scale", "number", "toggle", "json"];

    public static readonly string[] Charts = ["bar_chart", "word_cloud", "ranked_list", "distribution", "table", "counter"];

    /// <summary>Widgets that are meaningless without options to pick from.</summary>
    public static readonly string[] ChoiceWidgets = ["single_choice", "multiple_choice", "card_picker"];
}
