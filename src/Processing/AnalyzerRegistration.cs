using Conflicto.Data.Processing;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.OpenAI;
using Conflicto.Processing.Pipeline;
using Conflicto.Processing.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing;

internal static class AnalyzerRegistration
{
    /// <summary>One handler per job kind: the external workflow's for the kinds <c>Processing:Workflow</c> routes to it, the local one otherwise.</summary>
    public static IServiceCollection AddJobHandlers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflows();
        var workflow = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();
        foreach (var kind in new[] { JobKinds.ActivityAnalysis, JobKinds.ResponseEnrichment })
        {
            if (workflow.Handles(kind)) services.AddSingleton<IJobHandler>(sp => ActivatorUtilities.CreateInstance<WorkflowJobHandler>(sp, kind));
            else if (kind == JobKinds.ActivityAnalysis) services.AddSingleton<IJobHandler, ActivityAnalysisHandler>();
            else services.AddSingleton<IJobHandler, ResponseEnrichmentHandler>();
        }
        return services;
    }

    /// <summary>OpenAI analyzers when an API key is configured (any OpenAI-compatible server), rule-based ones otherwise.</summary>
    public static IServiceCollection AddAnalyzers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenAIOptions();
        var openAi = configuration.GetSection(OpenAIOptions.Section).Get<OpenAIOptions>() ?? new OpenAIOptions();
        if (!openAi.IsConfigured)
        {
            services.AddSingleton<IActivityAnalyzer, RuleBasedAnalyzer>();
            services.AddSingleton<IResponseEnricher, RuleBasedEnricher>();
            return services;
        }

        services.AddSingleton<IActivityAnalyzer>(sp => new OpenAIActivityAnalyzer(sp.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        services.AddSingleton<IResponseEnricher>(sp => new OpenAIResponseEnricher(sp.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        // The SDK's timeout is per HTTP attempt and it retries by itself: a job must be allowed all of them.
        services.AddOptions<ProcessingOptions>().Validate<IOptions<OpenAIOptions>>(
            (processing, ai) => processing.JobTimeoutSeconds > (ai.Value.MaxRetries + 1) * ai.Value.TimeoutSeconds,
            "Processing:JobTimeoutSeconds must exceed (Processing:OpenAI:MaxRetries + 1) × Processing:OpenAI:TimeoutSeconds, or jobs time out while the OpenAI client is still retrying.");
        return services;
    }
}
