using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// The analyzer used when no model is configured: deterministic rules, no I/O. Known types get the
/// render and response schema their <see cref="ResponseRules"/> imply; any other type is inferred
/// from the shape of its configuration (options → choice, min/max → scale, fields → form,
/// a prompt → free text, otherwise plain JSON).
/// </summary>
public sealed class RuleBasedAnalyzer : IActivityAnalyzer
{
    public const string AnalyzerName = "rule-based";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public string Name => AnalyzerName;

    public Task<SchemaRender> AnalyzeAsync(ActivityAnalysisInput input, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Analyze(input));
    }

    /// <summary>Never throws for any configuration: anything that is not a JSON object reads as an empty one.</summary>
    public static SchemaRender Analyze(ActivityAnalysisInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var configuration = input.Configuration.ValueKind == JsonValueKind.Object ? input.Configuration : EmptyObject;
        var title = input.Title ?? "";
        var plan = input.ActivityType switch
        {
            ActivityTypeCatalog.Poll => KnownTypeRenders.Poll(configuration, title),
            ActivityTypeCatalog.WordCloud => KnownTypeRenders.WordCloud(configuration, title),
            ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna => KnownTypeRenders.Qa(input.ActivityType, configuration, title),
            ActivityTypeCatalog.PlanningPoker => KnownTypeRenders.PlanningPoker(configuration, title),
            ActivityTypeCatalog.Scale or ActivityTypeCatalog.Ranking or ActivityTypeCatalog.OpenText or ActivityTypeCatalog.Numeric
                => MoreTypeRenders.For(input.ActivityType, configuration, title),
            ActivityTypeCatalog.Quiz => Quiz.QuizRender.Plan(configuration, title),
            _ => InferredRenders.Infer(input.ActivityType ?? "", configuration, title),
        };
        using var schema = JsonDocument.Parse(plan.ResponseSchema.ToJsonString());
        return new SchemaRender(plan.Participant, plan.Viewer, schema.RootElement.Clone(), AnalyzerName);
    }
}

/// <summary>A render under construction; the response schema stays a mutable node until the end.</summary>
internal sealed record RenderPlan(ParticipantRender Participant, ViewerRender Viewer, JsonObject ResponseSchema);
