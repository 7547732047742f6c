using System.Collections.Frozen;

namespace Conflicto.Server.Operations;

/// <summary>
/// The operations that submit, change or withdraw an answer: REST's response routes (by endpoint
/// name) and the hub's <c>SubmitResponse</c>. They are recorded with the actor's role but never
/// its participant id: the operation log is the host's, and a participant's submission times
/// would line up with the <c>created_at</c> of anonymous answers and name their author
/// (docs/security.md, "Anonymous answers").
/// </summary>
public static class AnswerOperations
{
    public const string HubMethod = "SubmitResponse";

    public static readonly FrozenSet<string> EndpointNames =
        new[] { "CreateResponse", "SubmitResponse", "UpdateResponse", "DeleteResponse" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a REST endpoint named <paramref name="endpointName"/> handles an answer.</summary>
    public static bool IsAnswerEndpoint(string? endpointName) => endpointName is not null && EndpointNames.Contains(endpointName);
}
