namespace Conflicto.Server.Access;

/// <summary>
/// The one reader of <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750: the scheme, any case,
/// then one or more spaces, then the token), for the REST caller, the hub's connect and the rate
/// limiter's partitions alike, so they never disagree about who sent what.
/// </summary>
public static class BearerTokens
{
    private const string Scheme = "Bearer";

    /// <summary>
    /// The token of an <c>Authorization</c> header value, trimmed; null when the header is missing,
    /// uses another scheme, or carries no token (a blank token is no credential, not a wrong one).
    /// </summary>
    public static string? Parse(string? header)
    {
        if (header is null || header.Length <= Scheme.Length || header[Scheme.Length] != ' '
            || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header[Scheme.Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    /// <summary>The bearer token of a request (see <see cref="Parse(string?)"/>).</summary>
    public static string? Of(HttpRequest? request) => request is null ? null : Parse(request.Headers.Authorization.ToString());
}
