using Conflicto.Data.Operations;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Conflicto.Server.Realtime.Binding;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Operations;

/// <summary>
/// Times every hub invocation into <see cref="HubInvocationMetrics"/> and, with tracking on, records
/// it in the <see cref="OperationLog"/>. Registered before <see cref="HubCallFilter"/>, so it is
/// the outer one: it sees each call as the client does, the refusals HubCallFilter makes itself
/// (binding failures, revoked connections) included, and faults already turned into "500 …".
/// Logging refusals and faults stays HubCallFilter's.
/// </summary>
public sealed class HubOperationFilter(OperationLog log, HubInvocationMetrics metrics, HubSignatures signatures, TimeProvider clock) : IHubFilter
{
    /// <summary>The name of a call to a method the hub does not have.</summary>
    public const string UnknownMethod = "(unknown)";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var startedAt = clock.GetUtcNow();
        var start = clock.GetTimestamp();
        // Until the call ends otherwise, a fault: HubCallFilter turns faults into "500 …" HubExceptions, so only one of its own would stay at this.
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await next(invocation);
            status = OperationStatuses.HubOk;
            return result;
        }
        catch (HubException ex)
        {
            status = OperationStatuses.OfHubMessage(ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            status = OperationOutcomes.ClientClosedRequest;
            throw;
        }
        finally
        {
            Record(invocation, startedAt, clock.GetElapsedTime(start), status);
        }
    }

    private void Record(HubInvocationContext invocation, DateTimeOffset startedAt, TimeSpan elapsed, int status)
    {
        var name = NameOf(invocation);
        var outcome = OperationStatuses.OutcomeOf(status);
        metrics.Record(name, outcome, elapsed);
        if (!log.Enabled) return;
        var context = invocation.Context;
        var role = HubCallFilter.RoleOf(context);
        // An answer is recorded without its participant (AnswerOperations): the log must not name anonymous answers' authors.
        int? actor = role == Roles.Participant && name != AnswerOperations.HubMethod ? HubState.Audience(context)?.ParticipantId ?? HubState.Caller(context).Participant?.ParticipantId : null;
        log.Record(new OperationRecord(HubCallFilter.SessionOf(invocation), name, OperationKinds.Hub, role, actor, startedAt, elapsed.TotalMilliseconds,
            outcome, status, OperationStatuses.ErrorKindOf(status), context.ConnectionId));
    }

    /// <summary>The method the client called: for a call the protocol could not bind, the method it asked for when the hub has one.</summary>
    private string NameOf(HubInvocationContext invocation)
    {
        if (invocation.HubMethodArguments is not [BindingFailure failure, ..]) return invocation.HubMethodName;
        return signatures.TryGet(failure.Method, out var signature) ? signature.Method : UnknownMethod;
    }
}
