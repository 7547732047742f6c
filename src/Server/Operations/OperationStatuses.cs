using System.Globalization;
using Conflicto.Data.Operations;

namespace Conflicto.Server.Operations;

/// <summary>
/// From the status an operation ended with to its outcome and error kind, the same for REST (the
/// HTTP status) and the hub (the status a <c>HubException</c> message starts with, "409 Conflict: …").
/// Every string is a constant: recording an operation allocates none.
/// </summary>
public static class OperationStatuses
{
    public const int HubOk = 200;

    public static string OutcomeOf(int status) => status switch
    {
        < 400 => OperationOutcomes.Ok,
        OperationOutcomes.ClientClosedRequest => OperationOutcomes.Cancelled,
        < 500 => OperationOutcomes.Refused,
        _ => OperationOutcomes.Failed,
    };

    /// <summary>A short, stable name for a status that is not a success; null for a success.</summary>
    public static string? ErrorKindOf(int status) => status switch
    {
        < 400 => null,
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        410 => "gone",
        413 => "too_large",
        415 => "unsupported_media_type",
        422 => "invalid",
        429 => "too_many_requests",
        OperationOutcomes.ClientClosedRequest => "cancelled",
        500 => "internal",
        503 => "unavailable",
        < 500 => "client_error",
        _ => "server_error",
    };

    /// <summary>
    /// The status a hub refusal carries at the start of its message (<c>HubRefusals</c>); 400 for a
    /// message without one, which only a refusal can be (faults reach clients as "500 …").
    /// </summary>
    public static int OfHubMessage(string message) =>
        message.Length > 3 && message[3] == ' ' && int.TryParse(message.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and < 600
            ? status
            : 400;
}
