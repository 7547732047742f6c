using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Section <c>Cors</c>: the browser origins (other sites) allowed to call the API and the hub.
/// Empty (the default) means same origin only: no CORS headers are ever sent.
/// </summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";
    public const string Setting = "Cors:AllowedOrigins";

    /// <summary>
    /// <c>https://host[:port]</c> entries, or <c>*</c> alone for any origin. With <c>*</c> the
    /// answer is <c>Access-Control-Allow-Origin: *</c> without credentials (a browser then sends no
    /// cookies, and the SignalR JS client needs <c>withCredentials: false</c>); listed origins are
    /// allowed with credentials, which the SignalR client's negotiate asks for by default.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public bool AnyOrigin => AllowedOrigins is ["*"];

    /// <summary>The origins as browsers send them in <c>Origin</c>: scheme and host lower-cased, no default port, no slash.</summary>
    public IEnumerable<string> NormalizedOrigins() =>
        AllowedOrigins.Select(o => new Uri(o.Trim(), UriKind.Absolute).GetLeftPart(UriPartial.Authority));
}

/// <summary>Stops start-up on an entry that is not an absolute http(s) origin, with the setting and the entry in the message.</summary>
public sealed class CorsOriginsValidation : IValidateOptions<CorsOriginsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOriginsOptions options)
    {
        var origins = options.AllowedOrigins;
        var errors = new List<string>();
        for (var i = 0; i < origins.Count; i++)
        {
            var entry = origins[i];
            if (entry?.Trim() == "*")
            {
                if (origins.Count > 1)
                    errors.Add($"{CorsOriginsOptions.Setting}:{i} is '*', which must be the only entry (any origin, without credentials); list origins instead to allow credentials.");
                continue;
            }
            if (Problem(entry) is { } problem)
                errors.Add($"{CorsOriginsOptions.Setting}:{i} '{entry}' is not an origin: {problem}. Write it as https://host or https://host:port.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string? Problem(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry)) return "it is empty";
        if (!Uri.TryCreate(entry.Trim(), UriKind.Absolute, out var uri)) return "it is not an absolute URL";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return "the scheme must be http or https";
        if (uri.UserInfo.Length > 0) return "it must not contain a user name";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0) return "an origin has no path, query or fragment";
        return null;
    }
}
