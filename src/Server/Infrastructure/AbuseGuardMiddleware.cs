using System.Globalization;
using Conflicto.Server.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Runs before the rate limiter. Counts wrong <c>X-Admin-Code</c>s per address and per session and
/// refuses a locked-out caller with 429 before checking its code (so a lock-out is no oracle), and
/// validates the credential of a rate-limited request so the limiter can key it on the participant
/// or session it names (<see cref="RateLimits.ClientKey"/>) instead of on a string anyone can vary.
/// </summary>
public sealed class AbuseGuardMiddleware(RequestDelegate next, AbuseLimits limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var adminCode = http.Request.Headers[Caller.AdminCodeHeader].ToString();
        var token = BearerTokens.Of(http.Request);
        var sessionId = int.TryParse(http.Request.RouteValues["sessionId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
        var rateLimited = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null;

        if (adminCode.Length > 0)
        {
            if (limits.IsLockedOut(http, CodeKind.Admin, sessionId, out var wait))
            {
                await RateLimits.RefuseAsync(http, wait, "Too many wrong admin codes from your address or for this session: try again later.");
                return;
            }
            var caller = await Caller.BindAsync(http);
            if (caller.HostOf is { } host) limits.Remember($"a:{adminCode}", $"h:{host}");
            else limits.Failed(http, CodeKind.Admin, sessionId);
        }
        if (token is not null && rateLimited && limits.KnownKey($"t:{token}") is null)
        {
            // One indexed read per token a minute; the handler reuses the resolved caller.
            if ((await Caller.BindAsync(http)).Participant is { } participant) limits.Remember($"t:{token}", $"p:{participant.ParticipantId}");
        }

        await next(http);

        // A join code the route accepted makes a viewer of that session: its own bucket from now on.
        if (rateLimited && sessionId is { } session && http.Response.StatusCode is >= 200 and < 400
            && http.Request.Query["join_code"].ToString() is { Length: > 0 } joinCode)
            limits.Remember($"j:{session}:{joinCode}", $"v:{session}");
    }
}
