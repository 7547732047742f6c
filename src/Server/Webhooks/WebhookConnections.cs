using System.Net;
using System.Net.Sockets;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// The outbound connections of deliveries: no proxy, no redirects followed, no cookies, and a
/// connect step that resolves the host itself and dials only public addresses (unless
/// <c>Webhooks:AllowPrivateNetworks</c>), so a name that resolved to a public address at
/// registration and to 127.0.0.1 or 169.254.169.254 later (DNS rebinding) is still refused.
/// </summary>
public static class WebhookConnections
{
    public const string ClientName = "Conflicto.Webhooks";

    public static SocketsHttpHandler Handler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivateNetworks, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateNetworks, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(AddressClassifier.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new WebhookAddressRefusedException(addresses.Length == 0
                ? $"{endpoint.Host} resolves to no address"
                : $"refused to connect: {endpoint.Host} resolves to {string.Join(", ", addresses.Select(a => $"{a} ({AddressClassifier.Refusal(a)})"))}; "
                    + "webhooks may only reach public addresses unless Webhooks:AllowPrivateNetworks is on");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery's host resolved only to addresses webhooks may not reach.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
