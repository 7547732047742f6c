using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>
/// The hub's error shape: a <see cref="HubException"/> whose message starts with the HTTP status
/// REST would answer ("409 Conflict: …"), the one kind of server error text SignalR always passes
/// on to clients.
/// </summary>
public static class HubRefusals
{
    public static HubException Refuse(int status, string title, string detail) => new($"{status} {title}: {detail}");

    public static HubException BadRequest(string detail) => Refuse(400, "Bad Request", detail);

    public static HubException Unauthorized(string detail) => Refuse(401, "Unauthorized", detail);

    public static HubException ToHubException(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => Refuse(422, "Unprocessable", refusal.Message),
        RefusalKind.Unauthorized => Refuse(401, "Unauthorized", refusal.Message),
        RefusalKind.Forbidden => Refuse(403, "Forbidden", refusal.Message),
        RefusalKind.NotFound => Refuse(404, "Not Found", refusal.Message),
        RefusalKind.Conflict => Refuse(409, "Conflict", refusal.Message),
        RefusalKind.TooLarge => Refuse(413, "Payload too large", refusal.Message),
        RefusalKind.TooManyRequests => Refuse(429, "Too many requests", refusal.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal kind."),
    };
}
