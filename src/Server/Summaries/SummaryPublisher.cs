using System.Threading.Channels;
using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Data.Summaries;

namespace Conflicto.Server.Summaries;

/// <summary>
/// Pushes the summary when a session completes, however it was completed (REST, legacy routes,
/// the hub): it watches committed events for <c>session.status_changed</c> to <c>completed</c>,
/// builds the summary off the request path, and appends its public cut as <c>session.summary</c>,
/// which then travels like every event (seq, redaction, hub, long-poll, recording).
/// Every node sees the completion (its own commit, or the event bus), and each may try: the store
/// appends the event once per session, under the session lock. A completion this node missed
/// (it was down) gets no event; the REST summary is there all the same.
/// </summary>
public sealed class SummaryPublisher(IServiceScopeFactory scopes, ILogger<SummaryPublisher> logger) : BackgroundService, ISessionEventObserver
{
    private const int Attempts = 3;
    private readonly Channel<int> _completed = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Type == EventTypes.SessionStatusChanged && Conflicto.Processing.Results.ResponseData.String(e.Data, "status") == SessionStatuses.Completed)
                _completed.Writer.TryWrite(e.SessionId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var sessionId in _completed.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                try
                {
                    await PublishAsync(sessionId, stoppingToken);
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Summary of session {SessionId} not published (attempt {Attempt} of {Attempts}): {Reason}", sessionId, attempt, Attempts, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
                }
            }
        }
    }

    private async Task PublishAsync(int sessionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<SessionStore>().GetAsync(sessionId, ct) is not { Status: SessionStatuses.Completed } session) return;
        var summary = await services.GetRequiredService<SummaryBuilder>().BuildAsync(session, ct);
        var payload = Data.Infrastructure.Json.ToElement(SummaryViews.For(summary, SummaryViews.Public));
        var emitted = await services.GetRequiredService<SummaryStore>().EmitOnceAsync(sessionId, payload, ct);
        if (emitted is not null) logger.LogInformation("Summary of session {SessionId} published at seq {Seq}", sessionId, emitted.Seq);
        else logger.LogDebug("Summary of session {SessionId} already published", sessionId);
    }
}

public static class SummaryServiceCollectionExtensions
{
    public static IServiceCollection AddSessionSummaries(this IServiceCollection services)
    {
        services.AddSingleton<SummaryWinners>();
        services.AddSingleton<SummaryBuilder>();
        services.AddSingleton<SummaryPublisher>();
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<SummaryPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<SummaryPublisher>());
        return services;
    }
}
