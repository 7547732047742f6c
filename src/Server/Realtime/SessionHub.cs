using Conflicto.Data.Events;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Realtime.Binding;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// <c>/hubs/session</c>. A connection authenticates with an admin code or a participant token
/// (<c>access_token</c>), joins one session as host, participant or viewer, receives its events in
/// seq order, and may act: participants submit responses, hosts run the session.
/// Trailing parameters with defaults may be left out by clients (<see cref="ForgivingHubProtocol"/>).
/// </summary>
public sealed partial class SessionHub(
    SessionStreams streams, SnapshotStore snapshots, SnapshotGate gate, EventStore events, HubCommands commands, LocalConnections local,
    ParticipantRevocations revocations, Coalescing.ResultsBook results, Quiz.QuizService quiz, Quiz.QuizClock quizClock,
    IOptions<RealtimeOptions> options, ILogger<SessionHub> logger)
    : Hub<ISessionClient>
{
    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var token = http?.Request.Query["access_token"].ToString() is { Length: > 0 } q ? q : BearerTokens.Of(http?.Request);
        var adminCode = http?.Request.Headers[Caller.AdminCodeHeader].ToString() ?? "";
        // A host's client library sends its admin code as the access token.
        if (adminCode.Length == 0 && token is { Length: 6 }) (adminCode, token) = (token, null);

        var caller = await Caller.FromCredentialsAsync(Context.GetHttpContext()!.RequestServices, adminCode, token, Context.ConnectionAborted);
        if ((caller.SentAdminCode && caller.HostOf is null) || (caller.SentToken && caller.Participant is null))
            throw new HubException("401 Unauthorized: the admin code or participant token is not valid.");
        HubState.Set(Context, caller);
        if (caller.Participant is { } participant && local.Find(Context.ConnectionId) is { } connection) revocations.Track(connection, participant.ParticipantId);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (HubState.JoinedSession(Context) is { } sessionId) streams.Leave(sessionId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Joins a session's stream. Returns the snapshot and, with <c>afterSeq</c>, the missed events
    /// (recovered: true), or a fresh snapshot when that history is too old (recovered: false).
    /// Live events follow after the snapshot's <c>lastSeq</c>: through <c>Event</c> in stream v1,
    /// through <c>Events</c> batches of the role's audience stream in v2 (<c>version</c>, default
    /// <c>Realtime:DefaultStreamVersion</c>; the replay is filtered and chained the same way).
    /// </summary>
    public async Task<JoinSessionResult> JoinSession(JoinSessionRequest request)
    {
        if (request is null) throw new HubException("422 Unprocessable: JoinSession needs { sessionId }.");
        var version = request.Version ?? options.Value.DefaultStreamVersion;
        if (!StreamVersions.IsKnown(version))
            throw HubRefusals.BadRequest($"version must be {StreamVersions.V1} (one Event per event) or {StreamVersions.V2} (Events batches of your audience's stream); it was {version}.");
        var caller = HubState.Caller(Context);
        var audience = await commands.AuthorizeJoinAsync(caller, request, Context.ConnectionAborted);

        if (HubState.JoinedSession(Context) is { } previous) streams.Leave(previous, Context.ConnectionId);
        var stream = streams.BeginJoin(request.SessionId);
        SessionSnapshotData data;
        long liveAfter;
        try
        {
            // A participant's snapshot lists only itself: a phone in a 10,000-seat hall has no use for
            // 10,000 nicknames on every reconnect (hosts and viewers get everyone).
            var onlyParticipant = audience.Role == Roles.Participant ? audience.ParticipantId : null;
            data = await gate.RunAsync(() => snapshots.ReadAsync(request.SessionId, request.AfterSeq, options.Value.MaxReplayEvents, onlyParticipant, Context.ConnectionAborted), Context.ConnectionAborted)
                ?? throw new HubException($"404 Not Found: session {request.SessionId} does not exist.");
            if (onlyParticipant is { } self && data.Participants.Count == 0)
            {
                // Gone although no participant.left reached this node (e.g. Redis down): revoke here.
                revocations.Revoke(request.SessionId, self, "revoked");
                throw HubRefusals.Unauthorized("You are no longer a participant of this session (you left or the host removed you).");
            }
            var connection = local.Find(Context.ConnectionId) ?? throw new HubException("410 Gone: the connection is closing.");
            liveAfter = stream.CompleteJoin(new Subscriber(connection, audience, data.LastSeq, version), data.LastSeq);
        }
        catch
        {
            streams.AbortJoin(stream);
            throw;
        }
        HubState.Join(Context, request.SessionId, audience);
        if (liveAfter > data.LastSeq)
        {
            // Committed after the snapshot was read but sent out before this subscriber was added:
            // they follow the snapshot in the answer (live events after them are buffered by the client).
            var missed = await events.ListAfterAsync(request.SessionId, data.LastSeq, (int)(liveAfter - data.LastSeq), Context.ConnectionAborted);
            data = data with { Events = [.. data.Events, .. missed] };
        }
        LogJoined(logger, Context.ConnectionId, request.SessionId, audience.Role, version, request.AfterSeq, data.LastSeq, data.Recovered);
        // Read once subscribed: a later results push reaches this client, an earlier one is in the book.
        var current = await results.CurrentAsync(stream, Snapshots.WithResultsFor(data, audience), Context.ConnectionAborted);
        // The replay continues the client's stream: from afterSeq when recovered, else from the snapshot.
        var replayFrom = data.Recovered && request.AfterSeq is { } after ? after : data.LastSeq;
        var visible = data.Activities.Where(a => Access.DraftRules.IsPublic(a.State) || audience.Role == Roles.Host);
        var quizzes = await quiz.SnapshotAsync(request.SessionId, data.LastSeq, visible, audience.ParticipantId, Context.ConnectionAborted);
        return Snapshots.ToResult(data, audience, version, replayFrom, current, quizzes);
    }

    /// <summary>Leaves the joined session's stream (disconnecting does the same).</summary>
    public Task LeaveSession()
    {
        if (HubState.JoinedSession(Context) is { } sessionId) streams.Leave(sessionId, Context.ConnectionId);
        HubState.Leave(Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Submits a response; the ack comes only once it is durable. A retried key returns the first
    /// ack; without a key every call is a new submission.
    /// </summary>
    public Task<SubmitAck> SubmitResponse(Guid activityId, object? responseData, string? idempotencyKey = null) =>
        commands.SubmitAsync(HubState.Caller(Context), activityId, responseData, idempotencyKey, Context.ConnectionAborted,
            new Quiz.AnswerTiming(quizClock.Now, Quiz.QuizClock.RoundTripMs(Context), ViaHub: true));

    /// <summary>
    /// Measures this connection's round trip for quiz timing: call with no echo, then at once with
    /// the returned nonce; the second answer carries the round trip the server measured (docs/quiz.md).
    /// </summary>
    public Quiz.PingResult Ping(string? echo = null) => quizClock.Ping(Context, echo);

    /// <summary>A quiz as the caller may see it (the same document as REST GET /activities/{id}/quiz).</summary>
    public async Task<object?> GetQuiz(Guid activityId)
    {
        var (view, refusal) = await quiz.ViewAsync(HubState.Caller(Context), activityId, Context.ConnectionAborted);
        return view is not null ? JsonTree.ToObject(Data.Infrastructure.Json.ToElement(view)) : throw refusal!.ToHubException();
    }

    /// <summary>Host: a quiz action (start, reveal, leaderboard, next, end); answers with the quiz after it.</summary>
    public async Task<object?> RunQuiz(Guid activityId, string action, int? questionIndex = null)
    {
        var (view, refusal) = await quiz.ActAsync(HubState.Caller(Context), activityId, action, questionIndex, Context.ConnectionAborted);
        return view is not null ? JsonTree.ToObject(Data.Infrastructure.Json.ToElement(view)) : throw refusal!.ToHubException();
    }

    /// <summary>Host: changes the session's status (draft → active → completed).</summary>
    public Task<long> SetSessionStatus(string status) =>
        commands.SetSessionStatusAsync(HubState.Caller(Context), HubState.JoinedSession(Context), status, Context.ConnectionAborted);

    /// <summary>
    /// Host: moves an activity through draft → published → active → expired. <paramref name="force"/>
    /// allows any move; <paramref name="keepOthersOpen"/> opens it without closing the active one.
    /// </summary>
    public Task<long> TransitionActivity(Guid activityId, string targetState, bool force = false, bool keepOthersOpen = false) =>
        commands.TransitionAsync(HubState.Caller(Context), activityId, targetState, force, keepOthersOpen, Context.ConnectionAborted);

    /// <summary>Not for clients: where the protocol sends calls of unknown methods, to be refused with a 400 (see <see cref="BindingFailure"/>).</summary>
    [HubMethodName(BindingFailure.Target)]
    public Task RefuseUnboundCall(BindingFailure failure) => Task.FromException(HubRefusals.BadRequest(failure.Reason));

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} joined session {SessionId} as {Role}, stream v{Version} (afterSeq {AfterSeq}, snapshot at {LastSeq}, recovered {Recovered})")]
    private static partial void LogJoined(ILogger logger, string connectionId, int sessionId, string role, int version, long? afterSeq, long lastSeq, bool recovered);
}
