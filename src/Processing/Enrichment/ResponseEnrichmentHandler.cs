using Conflicto.Data.Activities;
using Conflicto.Data.Processing;
using Conflicto.Data.Responses;
using Conflicto.Processing.Pipeline;

namespace Conflicto.Processing.Enrichment;

/// <summary>Enriches and moderates one free-text response. If it is edited meanwhile, the result is stale and dropped.</summary>
public sealed class ResponseEnrichmentHandler(ResponseStore responses, ActivityStore activities, IResponseEnricher enricher) : IJobHandler
{
    public string Kind => JobKinds.ResponseEnrichment;

    public async Task<JobOutcome> RunAsync(JobRow job, CancellationToken ct)
    {
        var response = await responses.GetAsync(job.SubjectId, ct);
        var activity = response is null ? null : await activities.GetAsync(response.ActivityId, ct);
        if (response is null || activity is null) return new JobOutcome(Data.Infrastructure.Json.EmptyObject, null);

        var text = FreeText.Extract(activity.ActivityType, response.ResponseData)
            ?? throw new Analysis.AnalyzerOutputException("The response has no free text to enrich.");
        var enrichment = await enricher.EnrichAsync(new EnrichmentInput(activity.ActivityType, text), ct);
        var analysed = response.ResponseData.GetRawText();
        return new JobOutcome(ProcessingWorkers.ToResult(enrichment), input => input?.GetRawText() == analysed);
    }
}
