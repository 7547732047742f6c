using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Workflows;

public static class WorkflowRegistration
{
    /// <summary>
    /// Binds and validates <see cref="WorkflowOptions"/> (bad values stop start-up with what to set),
    /// the outbound HTTP client, and the callback service (on every node: a callback may arrive anywhere).
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The post runs inside the worker's attempt: the attempt must outlast it.
        services.AddOptions<ProcessingOptions>().Validate<IOptions<WorkflowOptions>>(
            (processing, workflow) => !workflow.Value.IsConfigured || processing.JobTimeoutSeconds > workflow.Value.RequestTimeoutSeconds,
            "Processing:JobTimeoutSeconds must exceed Processing:Workflow:RequestTimeoutSeconds, or attempts time out while the workflow is still being posted to.");
        services.AddHttpClient(WorkflowClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<WorkflowClient>();
        services.AddSingleton<WorkflowCallbacks>();
        return services;
    }
}
