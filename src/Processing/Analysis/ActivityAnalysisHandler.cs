using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Processing;
using Conflicto.Processing.Pipeline;
using NJsonSchema;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Analyses an activity's schema into its <see cref="SchemaRender"/>, through the cache: the same
/// type and configuration are analysed once, whichever activity asks. A render whose
/// response_schema is not a usable JSON Schema is a failed attempt, never stored.
/// </summary>
public sealed class ActivityAnalysisHandler(ActivityStore activities, AnalysisCacheStore cache, IActivityAnalyzer analyzer) : IJobHandler
{
    public string Kind => JobKinds.ActivityAnalysis;

    public async Task<JobOutcome> RunAsync(JobRow job, CancellationToken ct)
    {
        var activity = await activities.GetAsync(job.SubjectId, ct);
        if (activity is null) return new JobOutcome(Data.Infrastructure.Json.EmptyObject, null); // gone: the store ends the job skipped

        var hash = AnalysisHash.Of(activity.ActivityType, activity.Configuration);
        var result = await cache.GetAsync(hash, ct);
        if (result is null)
        {
            // The render reaches participants: a model never sees what only the host may (a numeric guess's correct value, a quiz's questions and answer key).
            var visible = ActivityTypes.HostOnlyConfiguration.ForEveryone(activity.ActivityType, activity.Configuration);
            var render = await analyzer.AnalyzeAsync(new ActivityAnalysisInput(activity.ActivityType, activity.Title, visible), ct);
            result = ProcessingWorkers.ToResult(render);
            await EnsureUsableSchemaAsync(result.Value);
            await cache.PutAsync(hash, analyzer.Name, result.Value, ct);
        }
        return new JobOutcome(result.Value, input => input is { } current
            && AnalysisHash.Of(current.GetProperty("activity_type").GetString()!, current.GetProperty("configuration")) == hash);
    }

    private static async Task EnsureUsableSchemaAsync(JsonElement render)
    {
        if (!render.TryGetProperty("response_schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
            throw new AnalyzerOutputException("The analysis has no response_schema object.");
        try
        {
            await JsonSchema.FromJsonAsync(schema.GetRawText());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AnalyzerOutputException($"The analysis' response_schema is not a valid JSON Schema: {ex.Message}", ex);
        }
    }
}
