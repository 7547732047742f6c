using System.Text.Json;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// The outcome of an activity's schema analysis, stored as <c>activities.schema_render</c>: how
/// participants answer, how viewers see results, and the JSON Schema every <c>response_data</c>
/// must then satisfy. Serialised snake_case like everything the API shows.
/// </summary>
/// <param name="Analyzer">Who produced it: <c>rule-based</c> or <c>openai:&lt;model&gt;</c>.</param>
public sealed record SchemaRender(ParticipantRender Participant, ViewerRender Viewer, JsonElement ResponseSchema, string Analyzer, int Version = 1);

/// <summary>
/// How a participant answers.
/// <see cref="Widget"/>: <c>single_choice</c>, <c>multiple_choice</c>, <c>free_text</c>,
/// <c>word_list</c>, <c>question_board</c> (ask + upvote), <c>card_picker</c>, <c>scale</c> (several
/// statements: <see cref="Options"/>), <c>ranking</c> (order <see cref="Options"/>), <c>number</c>,
/// <c>form</c> (several <see cref="Fields"/>), or <c>json</c> (nothing better is known).
/// </summary>
public sealed record ParticipantRender(
    string Widget,
    string? Prompt = null,
    IReadOnlyList<string>? Options = null,
    int? MinSelections = null,
    int? MaxSelections = null,
    double? Min = null,
    double? Max = null,
    double? Step = null,
    int? MaxLength = null,
    int? MaxItems = null,
    IReadOnlyList<FieldRender>? Fields = null);

/// <summary>One input of a <c>form</c> widget; <see cref="Widget"/> as for <see cref="ParticipantRender"/>, plus <c>number</c> and <c>toggle</c>.</summary>
public sealed record FieldRender(
    string Name, string Widget, string? Label = null, bool Required = false, IReadOnlyList<string>? Options = null,
    int? MaxLength = null, double? Min = null, double? Max = null);

/// <summary>
/// How results are shown. <see cref="Chart"/>: <c>bar_chart</c>, <c>word_cloud</c>,
/// <c>ranked_list</c>, <c>distribution</c>, <c>table</c> or <c>counter</c>;
/// <see cref="Field"/> names the response field charted, when there is one.
/// </summary>
public sealed record ViewerRender(string Chart, string? Title = null, string? Field = null);

/// <summary>What an analyzer looks at.</summary>
public sealed record ActivityAnalysisInput(string ActivityType, string Title, JsonElement Configuration);

/// <summary>Analyses an activity into a <see cref="SchemaRender"/>. Implementations: rule-based and OpenAI.</summary>
public interface IActivityAnalyzer
{
    string Name { get; }

    /// <exception cref="AnalyzerOutputException">The analyzer produced something unusable (a failed attempt, never stored).</exception>
    Task<SchemaRender> AnalyzeAsync(ActivityAnalysisInput input, CancellationToken ct);
}

/// <summary>An analyzer's or enricher's answer could not be used: malformed or invalid. The attempt fails with this message.</summary>
public sealed class AnalyzerOutputException(string message, Exception? inner = null) : Exception(message, inner);
