using System.Net;
using System.Net.Sockets;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// The registration check of an endpoint's URL: absolute http(s), no credentials in it, and
/// (unless <c>Webhooks:AllowPrivateNetworks</c>) a host whose every address is public. The same
/// check runs again at connect time (<see cref="WebhookConnections"/>), on the address actually
/// dialled, so a DNS answer that changes after registration (rebinding) cannot get around it.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2000;
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// What log lines show of an endpoint's URL: scheme, host and port only. Paths and query
    /// strings often carry a receiver's own token (a chat tool's incoming-webhook URL is its
    /// credential), and logs travel further than the database.
    /// </summary>
    public static string ForLog(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(not a URL)";

    /// <summary>Null when the URL may be registered; else why not, for a 422.</summary>
    public static async Task<string?> RefusalAsync(string? url, bool allowPrivateNetworks, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)) return "url is required";
        if (url.Length > MaxLength) return $"url must be at most {MaxLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "url must be an absolute http:// or https:// URL";
        if (uri.UserInfo.Length > 0) return "url must not carry credentials (user:password@); deliveries are signed instead";
        if (uri.Host.Length == 0) return "url must name a host";
        if (allowPrivateNetworks) return null;

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)) addresses = [literal];
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return $"url's host {uri.Host} could not be resolved";
            }
        }
        if (addresses.Length == 0) return $"url's host {uri.Host} could not be resolved";
        foreach (var address in addresses)
            if (AddressClassifier.Refusal(address) is { } what)
                return $"url's host {uri.Host} resolves to {address}, {what}: webhooks may only reach public addresses "
                    + "(an operator can allow private networks with Webhooks:AllowPrivateNetworks)";
        return null;
    }
}
