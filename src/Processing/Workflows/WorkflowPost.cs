using System.Text.Json;
using Conflicto.Data.Processing;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Processing.Workflows;

/// <summary>What the workflow is sent (snake_case JSON): the job, what to process, the answer's schema, and how to call back.</summary>
public sealed record WorkflowPost(
    Guid JobId, string Kind, int Attempt, JsonElement Subject, JsonElement ExpectedResultSchema,
    string CallbackUrl, string CallbackToken, DateTime Deadline);

/// <summary>
/// The result a workflow calls back with follows the same strict JSON Schema as the OpenAI
/// analyzers' answers, and is checked by the same readers (<see cref="RenderAnswer"/>, <see cref="EnrichmentAnswer"/>).
/// </summary>
public static class WorkflowSchemas
{
    private static readonly JsonElement Analysis = Data.Infrastructure.Json.Parse(ActivityAnalysisPrompt.AnswerSchema);
    private static readonly JsonElement Enrichment = Data.Infrastructure.Json.Parse(EnrichmentPrompt.AnswerSchema);

    public static JsonElement For(string kind) => kind == JobKinds.ActivityAnalysis ? Analysis : Enrichment;
}
