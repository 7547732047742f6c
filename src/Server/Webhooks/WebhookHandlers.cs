using Conflicto.Data.Sessions;
using Conflicto.Data.Webhooks;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>The handlers of <see cref="WebhookEndpoints"/>. Every refusal is logged with its reason.</summary>
public static class WebhookHandlers
{
    public const int MaxDescriptionLength = 200;

    public static async Task<Results<Created<WebhookCreated>, ProblemHttpResult>> CreateAsync(
        int sessionId, WebhookCreate body, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store,
        IOptions<WebhookOptions> options, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return Logged(request, sessionId, denied);
        var events = body.Events ?? [];
        var scope = body.Scope ?? WebhookScopes.Viewer;
        var check = new Validation()
            .AddIf(events.Count == 0, "events", "events must name at least one event type, or \"*\" for all (GET /api/v1/webhooks/event-types lists them)")
            .AddIf(events.Count > 50, "events", "events may name at most 50 types");
        foreach (var type in events.Where(t => !WebhookEventTypes.IsKnown(t)).Take(5))
            check.Add("events", $"unknown event type '{type}' (GET /api/v1/webhooks/event-types lists them)");
        check.AddIf(body.Description?.Length > MaxDescriptionLength, "description", $"description must be at most {MaxDescriptionLength} characters")
            .AddIf(scope != WebhookScopes.Viewer && scope != WebhookScopes.Host, "scope", "scope must be viewer or host");
        if (check.IsValid && await WebhookUrls.RefusalAsync(body.Url, options.Value.AllowPrivateNetworks, ct) is { } refusal) check.Add("url", refusal);
        if (!check.IsValid) return Logged(request, sessionId, check.ToProblem());

        var secret = WebhookSigner.NewSecret();
        var row = new WebhookRow
        {
            Id = Guid.NewGuid(), SessionId = sessionId, Url = body.Url!, Events = events.Distinct().ToArray(),
            Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim(), Scope = scope, Secret = secret,
        };
        var (status, created) = await store.TryCreateAsync(row, options.Value.MaxPerSession, ct);
        if (status == WebhookCreateStatus.SessionNotFound) return Logged(request, sessionId, Problems.NotFound($"Session {sessionId} not found."));
        if (status == WebhookCreateStatus.LimitReached)
            return Logged(request, sessionId, Problems.Conflict(
                $"Session {sessionId} has {options.Value.MaxPerSession} webhook endpoints already (Webhooks:MaxPerSession): delete one first."));
        Log(request).LogInformation("Webhook {WebhookId} registered on session {SessionId} for {Url} ({Events}, scope {Scope})",
            row.Id, sessionId, WebhookUrls.ForLog(row.Url), string.Join(",", row.Events), row.Scope);
        return TypedResults.Created($"/api/v1/sessions/{sessionId}/webhooks/{row.Id}", WebhookCreated.From(created!, secret));
    }

    public static async Task<Results<Ok<List<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        int sessionId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return Logged(request, sessionId, denied);
        return TypedResults.Ok((await store.ListAsync(sessionId, ct)).Select(WebhookResponse.From).ToList());
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        return row is null ? Logged(request, sessionId, problem!) : TypedResults.Ok(WebhookResponse.From(row));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        if (row is null || !await store.DeleteAsync(sessionId, row.Id, ct)) return Logged(request, sessionId, problem ?? NotFound(sessionId, webhookId));
        Log(request).LogInformation("Webhook {WebhookId} of session {SessionId} deleted", row.Id, sessionId);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecretRotated>, ProblemHttpResult>> RotateAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store,
        IOptions<WebhookOptions> options, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        if (row is null) return Logged(request, sessionId, problem!);
        var secret = WebhookSigner.NewSecret();
        var expires = await store.RotateSecretAsync(sessionId, row.Id, secret, options.Value.RotationGraceSeconds, ct);
        if (expires is null) return Logged(request, sessionId, NotFound(sessionId, webhookId));
        Log(request).LogInformation("Webhook {WebhookId} of session {SessionId}: secret rotated, the previous one signs too until {ExpiresAt}", row.Id, sessionId, expires);
        return TypedResults.Ok(new WebhookSecretRotated(secret, expires));
    }

    public static Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> EnableAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, WebhookDispatcher dispatcher, CancellationToken ct) =>
        SetEnabledAsync(true, sessionId, webhookId, request, caller, sessions, store, dispatcher, ct);

    public static Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> DisableAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, WebhookDispatcher dispatcher, CancellationToken ct) =>
        SetEnabledAsync(false, sessionId, webhookId, request, caller, sessions, store, dispatcher, ct);

    public static async Task<Results<Accepted, ProblemHttpResult>> PingAsync(
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, WebhookPings pings, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        if (row is null) return Logged(request, sessionId, problem!);
        await pings.StartAsync(row.Id, sessionId, ct);
        return TypedResults.Accepted($"/api/v1/sessions/{sessionId}/webhooks/{row.Id}/deliveries");
    }

    public static async Task<Results<Ok<List<DeliveryResponse>>, ProblemHttpResult>> DeliveriesAsync(
        int sessionId, string webhookId, string? status, int? limit, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store,
        WebhookOutbox outbox, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        if (row is null) return Logged(request, sessionId, problem!);
        var check = new Validation()
            .AddIf(status is not null && !DeliveryStatuses.All.Contains(status), "status", "status must be delivered, failed or pending")
            .AddIf(limit is < 1 or > Paging.MaxLimit, "limit", $"limit must be between 1 and {Paging.MaxLimit}");
        if (!check.IsValid) return Logged(request, sessionId, check.ToProblem());
        var rows = await outbox.ListDeliveriesAsync(row.Id, status, limit ?? 50, ct);
        return TypedResults.Ok(rows.Select(DeliveryResponse.From).ToList());
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> SetEnabledAsync(bool enabled,
        int sessionId, string webhookId, HttpRequest request, Caller caller, SessionStore sessions, WebhookStore store, WebhookDispatcher dispatcher, CancellationToken ct)
    {
        var (row, problem) = await FindAsync(sessionId, webhookId, caller, sessions, store, ct);
        if (row is null || !await store.SetEnabledAsync(sessionId, row.Id, enabled, ct)) return Logged(request, sessionId, problem ?? NotFound(sessionId, webhookId));
        Log(request).LogWarning("Webhook {WebhookId} of session {SessionId} {Action} by the host (was {Status}, {Failures} consecutive failures)",
            row.Id, sessionId, enabled ? "enabled" : "disabled", row.Status, row.ConsecutiveFailures);
        if (enabled) dispatcher.Wake();
        var now = await store.GetAsync(sessionId, row.Id, ct);
        return now is null ? Logged(request, sessionId, NotFound(sessionId, webhookId)) : TypedResults.Ok(WebhookResponse.From(now));
    }

    /// <summary>The session's endpoint named in the route, after the host check; a malformed id is simply not found.</summary>
    private static async Task<(WebhookRow? Row, ProblemHttpResult? Problem)> FindAsync(
        int sessionId, string webhookId, Caller caller, SessionStore sessions, WebhookStore store, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return (null, denied);
        var row = Guid.TryParse(webhookId, out var id) ? await store.GetAsync(sessionId, id, ct) : null;
        return row is null ? (null, NotFound(sessionId, webhookId)) : (row, null);
    }

    private static ProblemHttpResult NotFound(int sessionId, string webhookId) =>
        Problems.NotFound($"Session {sessionId} has no webhook endpoint {webhookId}.");

    /// <summary>docs/security.md's rule, as for the session's media: unknown session 404, a participant's token 403, nothing 401, another session's code 403.</summary>
    private static async Task<ProblemHttpResult?> HostOnlyAsync(int sessionId, Caller caller, SessionStore sessions, CancellationToken ct)
    {
        if (caller.IsHostOf(sessionId)) return null;
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (caller.SentToken && !caller.SentAdminCode)
            return Problems.Forbidden($"Webhooks are the host's: a participant token does not grant this. Send the session's admin code in {Caller.AdminCodeHeader}.");
        return AccessRules.Host(caller, sessionId);
    }

    private static ILogger Log(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookHandlers).FullName!);

    private static ProblemHttpResult Logged(HttpRequest request, int sessionId, ProblemHttpResult problem)
    {
        Log(request).LogWarning("{Method} {Path} (webhooks of session {SessionId}) refused with {StatusCode}: {Reason}",
            request.Method, request.Path.Value, sessionId, problem.StatusCode, problem.ProblemDetails.Detail);
        return problem;
    }
}
