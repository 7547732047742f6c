using Conflicto.Data.Events;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conflicto.Processing;

public static class ProcessingServiceCollectionExtensions
{
    /// <summary>
    /// The background pipeline: job queue, workers, sweeper, and the analyzers: OpenAI when
    /// <c>Processing:OpenAI:ApiKey</c> is set, the rule-based ones otherwise.
    /// </summary>
    public static IServiceCollection AddProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System); // the loops' clock (tests may register a fake one)
        services.AddOptions<ProcessingOptions>().BindConfiguration("Processing").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ProcessingMetrics>();
        services.AddSingleton<ISessionEventObserver, JobSignals>();
        services.AddJobHandlers(configuration); // local analyzers, or the external workflow (Processing:Workflow) per kind
        services.AddSingleton<ProcessingWorkers>(); // the graceful shutdown drains it before the host stops it
        services.AddHostedService(sp => sp.GetRequiredService<ProcessingWorkers>());
        services.AddHostedService<JobSweeper>();
        services.AddAnalyzers(configuration);
        return services;
    }
}
