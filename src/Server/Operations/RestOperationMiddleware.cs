using System.Collections.Concurrent;
using System.Globalization;
using Conflicto.Data.Operations;
using Conflicto.Server.Access;

namespace Conflicto.Server.Operations;

/// <summary>
/// Records every API request as an operation once its answer is sent. It runs outside the
/// exception handler, so it records the status the client got (a 422 for an unreadable body, a
/// 429 from the rate limiter), like the request log. The session comes from the route's
/// <c>sessionId</c>, else from the caller's credential (a participant's heartbeat, a host's
/// transition); the actor is the <see cref="Caller"/> the endpoint resolved, without its participant
/// id on the routes that handle answers (<see cref="AnswerOperations"/>). Nothing here touches
/// the database or waits: the record goes to the <see cref="OperationLog"/>'s channel.
/// </summary>
public sealed class RestOperationMiddleware(RequestDelegate next, OperationLog log, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Endpoint, TrackedRoute?> _routes = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { } endpoint || _routes.GetOrAdd(endpoint, TrackedRoute.Of) is not { } route)
        {
            await next(context);
            return;
        }
        var startedAt = clock.GetUtcNow();
        var start = clock.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            var status = ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested
                ? OperationOutcomes.ClientClosedRequest
                : StatusCodes.Status500InternalServerError;
            Record(context, route, startedAt, clock.GetElapsedTime(start), status);
            throw;
        }
        Record(context, route, startedAt, clock.GetElapsedTime(start), StatusOf(context));
    }

    /// <summary>
    /// The status sent, or 499 when the client went away before the request ended (a long-poll
    /// abandoned: the handler may still have "answered" 200 into the closed connection).
    /// </summary>
    private static int StatusOf(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested ? OperationOutcomes.ClientClosedRequest : context.Response.StatusCode;

    private void Record(HttpContext context, TrackedRoute route, DateTimeOffset startedAt, TimeSpan elapsed, int status)
    {
        int? session = route.HasSessionId
            && context.Request.RouteValues[TrackedRoute.SessionIdRouteValue] is string text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var role = ActorRoles.Anonymous;
        int? actor = null;
        if (route.ResolvesCaller && context.Items[typeof(Caller)] is Caller caller)
        {
            if (caller.HostOf is { } hostOf && (session ?? hostOf) == hostOf)
                (role, session) = (ActorRoles.Host, hostOf);
            else if (caller.Participant is { } participant && (session ?? participant.SessionId) == participant.SessionId)
                (role, actor, session) = (ActorRoles.Participant, route.HidesParticipant ? null : participant.ParticipantId, participant.SessionId);
        }
        log.Record(new OperationRecord(session, route.Name, OperationKinds.Rest, role, actor, startedAt, elapsed.TotalMilliseconds,
            OperationStatuses.OutcomeOf(status), status, OperationStatuses.ErrorKindOf(status), context.TraceIdentifier));
    }
}
