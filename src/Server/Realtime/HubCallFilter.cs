using Conflicto.Data.Infrastructure;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Realtime.Binding;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Every hub call passes here (registered once in <see cref="RealtimeServiceCollectionExtensions"/>):
/// a call the protocol could not bind is refused (400, see <see cref="BindingFailure"/>), a revoked
/// connection is refused (401), every refusal (<see cref="HubException"/>, binding failures included) is logged at Information with method, session, role and reason, a call
/// whose client went away before it ended at Information too (it is no failure), and every
/// failure at Error with its exception. A failure reaches the client as "500 Internal Server
/// Error" with an id to find the log line by, rather than SignalR's "Failed to invoke …". A call
/// that needed an unreachable database is refused as "503 Service Unavailable" (nothing was made
/// durable; the client retries, with the same idempotency key for a response).
/// </summary>
public sealed partial class HubCallFilter(ParticipantRevocations revocations, DatabaseAvailability database, ILogger<HubCallFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocation.Context;
        var failure = invocation.HubMethodArguments is [BindingFailure f, ..] ? f : null;
        var method = failure?.Method ?? invocation.HubMethodName;
        try
        {
            if (failure is not null) throw HubRefusals.BadRequest(failure.Reason);
            if (Unstorable(invocation) is { } unstorable) throw HubRefusals.Refuse(422, "Unprocessable", unstorable);
            if (HubState.Caller(context).Participant is { } participant && revocations.IsRevoked(participant.ParticipantId, out var notice))
                throw HubRefusals.Unauthorized($"{notice.Message} This connection no longer acts for participant {participant.ParticipantId}.");
            return await next(invocation);
        }
        catch (HubException ex)
        {
            LogRefused(logger, method, SessionOf(invocation), RoleOf(context), context.ConnectionId, ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (context.ConnectionAborted.IsCancellationRequested)
        {
            // The client went away mid-call: nobody to answer, nothing failed (a response already
            // queued is still written; a retry with its idempotency key finds it). Rethrown as it
            // was, SignalR would log a TaskCanceledException at Error; as a refusal it logs nothing.
            LogAbandoned(logger, method, SessionOf(invocation), RoleOf(context), context.ConnectionId);
            throw HubRefusals.Refuse(499, "Client Closed Request", $"the connection closed during {method}.");
        }
        catch (Exception ex) when (database.ReportFailure(ex))
        {
            var message = $"503 Service Unavailable: {method} needs the database, which is unreachable; try again in {(int)database.RetryAfter.TotalSeconds} s.";
            LogRefused(logger, method, SessionOf(invocation), RoleOf(context), context.ConnectionId, message);
            throw new HubException(message);
        }
        catch (Exception ex)
        {
            var errorId = Guid.NewGuid().ToString("N")[..12];
            LogFailed(logger, ex, method, SessionOf(invocation), RoleOf(context), context.ConnectionId, errorId);
            throw new HubException($"500 Internal Server Error: the server failed to carry out {method} (error id {errorId}).");
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (HubException ex)
        {
            LogRefused(logger, "connect", null, RoleOf(context.Context), context.Context.ConnectionId, ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (context.Context.ConnectionAborted.IsCancellationRequested)
        {
            LogAbandoned(logger, "connect", null, RoleOf(context.Context), context.Context.ConnectionId);
            throw HubRefusals.Refuse(499, "Client Closed Request", "the connection closed while it was being set up.");
        }
        catch (Exception ex) when (database.ReportFailure(ex))
        {
            // Checking the credentials needs the database: the client reconnects later.
            var message = $"503 Service Unavailable: the database is unreachable; connect again in {(int)database.RetryAfter.TotalSeconds} s.";
            LogRefused(logger, "connect", null, RoleOf(context.Context), context.Context.ConnectionId, message);
            throw new HubException(message);
        }
    }

    /// <summary>
    /// The <see cref="StorableText"/> rule for hub arguments, both protocols: a NUL or lone surrogate in any
    /// string (the idempotency key included), NaN or ±Infinity from MessagePack, or a number JSON cannot store.
    /// </summary>
    private static string? Unstorable(HubInvocationContext invocation)
    {
        var parameters = invocation.HubMethod.GetParameters();
        for (var i = 0; i < invocation.HubMethodArguments.Count; i++)
        {
            var name = i < parameters.Length ? parameters[i].Name : null;
            var argument = invocation.HubMethodArguments[i] is JoinSessionRequest join ? join.JoinCode : invocation.HubMethodArguments[i];
            if (StorableText.CheckValue(argument, name ?? $"argument {i + 1}") is { } found) return found.Message;
        }
        return null;
    }

    /// <summary>The joined session, or the one the call is about (JoinSession's argument, the caller's credential).</summary>
    internal static int? SessionOf(HubInvocationContext invocation)
    {
        var caller = HubState.Caller(invocation.Context);
        return HubState.JoinedSession(invocation.Context)
            ?? (invocation.HubMethodArguments is [JoinSessionRequest request] ? request.SessionId : (int?)null)
            ?? caller.HostOf ?? caller.Participant?.SessionId;
    }

    internal static string RoleOf(HubCallerContext context) => HubState.Role(context.Items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {HubMethod} refused for {Role} in session {SessionId} on connection {ConnectionId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string hubMethod, int? sessionId, string role, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {HubMethod} abandoned for {Role} in session {SessionId}: connection {ConnectionId} closed before it ended")]
    private static partial void LogAbandoned(ILogger logger, string hubMethod, int? sessionId, string role, string connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {HubMethod} failed for {Role} in session {SessionId} on connection {ConnectionId} (error id {ErrorId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string hubMethod, int? sessionId, string role, string connectionId, string errorId);
}
