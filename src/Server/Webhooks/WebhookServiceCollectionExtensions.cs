using Conflicto.Data.Events;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Conflicto.Server.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Webhooks: options (section <c>Webhooks</c>, global endpoints validated on start-up), the
    /// stores, the outbound client (no redirects, the connect-time address check, a per-attempt
    /// timeout and a circuit breaker per receiver host: Microsoft.Extensions.Http.Resilience; the
    /// outbox does the long retries), the dispatcher, woken by commits, and the delivery log's retention.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookStreamWorker>();
        services.AddSingleton<WebhookPings>();
        services.AddSingleton<GlobalWebhooks>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<WebhookDispatcher>());
        // Registered on every node, it runs only where Webhooks:Enabled is on (read at start, as the dispatcher does).
        services.AddSingleton<WebhookDeliveryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryRetention>());

        services.AddHttpClient(WebhookConnections.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookConnections.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks))
            .AddResilienceHandler("webhook-attempt", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.9,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(Math.Max(o.CircuitBreakSeconds * 2, 30)),
                    BreakDuration = TimeSpan.FromSeconds(o.CircuitBreakSeconds),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds));
            })
            .SelectPipelineByAuthority();
        return services;
    }
}

/// <summary>Start-up validation with messages that say what to set (<see cref="GlobalWebhooks.Problems"/>).</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = GlobalWebhooks.Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
