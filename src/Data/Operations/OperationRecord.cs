namespace Conflicto.Data.Operations;

/// <summary>
/// One hub invocation or REST request, as the request path hands it to the operation log: a
/// struct, so queuing it allocates nothing (the channel's buffer holds it by value), and every
/// string in it is one the request already had (route names are cached per endpoint, kinds,
/// roles and outcomes are constants).
/// </summary>
public readonly record struct OperationRecord(
    int? SessionId,
    string Name,
    string Kind,
    string ActorRole,
    int? ActorId,
    DateTimeOffset StartedAt,
    double DurationMs,
    string Outcome,
    int StatusCode,
    string? ErrorKind,
    string? RequestId);

/// <summary>The values of <c>operations.kind</c>.</summary>
public static class OperationKinds
{
    public const string Hub = "hub";
    public const string Rest = "rest";

    public static readonly IReadOnlyList<string> All = [Hub, Rest];
}

/// <summary>
/// The values of <c>operations.actor_role</c>: the roles of <c>Conflicto.Server.Access.Roles</c>,
/// and anonymous for a caller whose credential (if any) was not resolved or not for this session.
/// </summary>
public static class ActorRoles
{
    public const string Host = "host";
    public const string Participant = "participant";
    public const string Viewer = "viewer";
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyList<string> All = [Host, Participant, Viewer, Anonymous];
}

/// <summary>The values of <c>operations.outcome</c>.</summary>
public static class OperationOutcomes
{
    /// <summary>Answered with success (REST 1xx–3xx, a hub call that returned).</summary>
    public const string Ok = "ok";

    /// <summary>Refused with a 4xx: bad input, no or wrong credential, not found, conflict, rate limit.</summary>
    public const string Refused = "refused";

    /// <summary>A 5xx: the server failed (a fault, or a dependency was down).</summary>
    public const string Failed = "failed";

    /// <summary>The client went away before the answer (recorded with status 499).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Status recorded for a cancelled operation (nginx's "client closed request"): no answer was sent.</summary>
    public const int ClientClosedRequest = 499;

    public static readonly IReadOnlyList<string> All = [Ok, Refused, Failed, Cancelled];
}
