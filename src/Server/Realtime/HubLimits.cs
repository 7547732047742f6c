using System.Threading.RateLimiting;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// The hub's abuse limits (issue #13 item 5), settings of section <c>RateLimits</c> like the REST ones
/// (<c>RateLimits:Enabled=false</c> turns them off too). A hub filter between
/// <see cref="Operations.HubOperationFilter"/>, which records refused calls as operations with status
/// 429 as it does REST's, and <see cref="HubCallFilter"/>, so a refused call costs no more than this check:
/// <list type="bullet">
/// <item>Connections per participant (<see cref="RateLimitOptions.HubConnectionsPerParticipant"/>):
/// one more is closed once authenticated, with "429 Too Many Requests", and a Warning line.</item>
/// <item>Calls per connection: a token bucket (<see cref="RateLimitOptions.HubInvocationsPerSecond"/>,
/// <see cref="RateLimitOptions.HubInvocationBurst"/>). A call over it is refused before it runs with
/// "429 Too Many Requests: … retry after N s"; a flooding connection is logged once per
/// <see cref="WarningWindow"/>, with the count refused since, never once per call.</item>
/// </list>
/// Connections are counted per node: a cluster-wide count would need Redis on every connect, and
/// Redis is a backplane, not a gate (a Redis outage must not lock anyone out). What the limit
/// protects, a node's memory and fan-out, is per node too; with N nodes a participant holds at most N times the limit.
/// </summary>
public sealed partial class HubLimits : IHubFilter, IDisposable
{
    /// <summary>At most one Warning per connection this often about its refused calls.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromMinutes(1);

    private const string CountedKey = "conflicto.limits.participant";
    private const string ThrottleKey = "conflicto.limits.throttle";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string>? _invocations;
    private readonly Dictionary<int, int> _open = [];
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly ILogger<HubLimits> _logger;

    public HubLimits(IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<HubLimits> logger)
    {
        (_options, _clock, _logger) = (options.Value, clock, logger);
        if (!_options.Enabled) return;
        // One bucket per live connection; the limiter drops a bucket once it is idle and full again.
        _invocations = PartitionedRateLimiter.Create<string, string>(connectionId =>
            RateLimitPartition.GetTokenBucketLimiter(connectionId, _ => RateLimits.Bucket(_options.HubInvocationsPerSecond, _options.HubInvocationBurst)));
    }

    /// <summary>Connections the participant holds open on this node (for tests and diagnostics).</summary>
    public int OpenConnections(int participantId)
    {
        lock (_gate) return _open.GetValueOrDefault(participantId);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (_invocations is null) return next(invocation);
        using var lease = _invocations.AttemptAcquire(invocation.Context.ConnectionId);
        if (lease.IsAcquired) return next(invocation);

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        NoteRefusal(invocation);
        return ValueTask.FromException<object?>(HubRefusals.Refuse(429, "Too Many Requests",
            $"more than {_options.HubInvocationsPerSecond} hub calls a second on this connection (bursts of {_options.HubInvocationBurst}); {invocation.HubMethodName} was not carried out, retry after {seconds} s."));
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context); // authenticates the connection (SessionHub.OnConnectedAsync)
        if (_invocations is null || HubState.Caller(context.Context).Participant is not { } participant) return;
        var limit = _options.HubConnectionsPerParticipant;
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(participant.ParticipantId);
            if (open < limit)
            {
                _open[participant.ParticipantId] = open + 1;
                context.Context.Items[CountedKey] = participant.ParticipantId;
                return;
            }
        }
        LogTooManyConnections(_logger, context.Context.ConnectionId, participant.ParticipantId, participant.SessionId, limit);
        // Thrown after the hub's OnConnectedAsync: SignalR closes the connection with this message (no reconnect).
        throw HubRefusals.Refuse(429, "Too Many Requests",
            $"participant {participant.ParticipantId} already has {limit} hub connections open on this server, the most allowed: close one and connect again (a dropped connection counts until the server notices it is gone).");
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey, out var counted) && counted is int participantId)
            {
                lock (_gate)
                {
                    if (_open.TryGetValue(participantId, out var open) && open > 1) _open[participantId] = open - 1;
                    else _open.Remove(participantId);
                }
            }
        }
    }

    /// <summary>Counts a refused call; logs the first of a window (with the refusals since the last line).</summary>
    private void NoteRefusal(HubInvocationContext invocation)
    {
        var items = invocation.Context.Items;
        if (!items.TryGetValue(ThrottleKey, out var found) || found is not Throttle throttle) items[ThrottleKey] = throttle = new Throttle();
        int refusedBefore;
        lock (throttle)
        {
            throttle.Refused++;
            var now = _clock.GetTimestamp();
            if (throttle.LoggedAt is { } at && _clock.GetElapsedTime(at, now) < WarningWindow) return;
            refusedBefore = throttle.Refused - 1;
            throttle.Refused = 0;
            throttle.LoggedAt = now;
        }
        LogThrottled(_logger, invocation.Context.ConnectionId, HubCallFilter.RoleOf(invocation.Context), HubCallFilter.SessionOf(invocation),
            invocation.HubMethodName, _options.HubInvocationsPerSecond, _options.HubInvocationBurst, refusedBefore, (int)WarningWindow.TotalSeconds);
    }

    public void Dispose() => _invocations?.Dispose();

    private sealed class Throttle
    {
        public int Refused;
        public long? LoggedAt;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} refused: participant {ParticipantId} of session {SessionId} already has {Limit} connections open on this node")]
    private static partial void LogTooManyConnections(ILogger logger, string connectionId, int participantId, int sessionId, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} ({Role}, session {SessionId}) calls faster than {PerSecond}/s (burst {Burst}): refusing its calls with 429, {HubMethod} first; {RefusedBefore} more were refused since the last such line (at most one per connection every {WindowSeconds} s)")]
    private static partial void LogThrottled(ILogger logger, string connectionId, string role, int? sessionId, string hubMethod, int perSecond, int burst, int refusedBefore, int windowSeconds);
}
