using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Polling;

/// <summary>Answers a polling request from a cache entry: 304 when the client's ETag still matches.</summary>
public static class CachedAnswer
{
    public static Results<Ok<T>, StatusCodeHttpResult, ProblemHttpResult> From<T>(HttpContext http, PollEntry entry)
    {
        http.Response.Headers.ETag = entry.ETag;
        http.Response.Headers.CacheControl = "no-cache"; // may be stored, but must be revalidated
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Tag == "*" || t.Compare(EntityTagHeaderValue.Parse(entry.ETag), useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok((T)entry.Value);
    }
}
