using System.Net;
using Conflicto.Server.Infrastructure;

namespace Conflicto.Server.Metrics;

/// <summary>
/// Keeps the scrape endpoint to <see cref="MetricsOptions.AllowedNetworks"/>: others get 403
/// problem+json (it says which setting to change, since the one refused is usually an operator's
/// own Prometheus). Wraps the endpoint's delegate, so the exporter's own code stays as shipped.
/// </summary>
internal static class MetricsAccess
{
    public static void Restrict(EndpointBuilder endpoint, IReadOnlyList<IPNetwork> networks)
    {
        if (networks.Count == 0 || endpoint.RequestDelegate is not { } scrape) return;
        endpoint.RequestDelegate = http => IsAllowed(http.Connection.RemoteIpAddress, networks)
            ? scrape(http)
            : Problems.Forbidden("This address may not read the metrics; the server's Metrics:AllowedNetworks lists who may.").ExecuteAsync(http);
    }

    public static bool IsAllowed(IPAddress? remote, IReadOnlyList<IPNetwork> networks)
    {
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4(); // a dual-stack socket's view of an IPv4 peer
        foreach (var network in networks)
            if (network.Contains(remote)) return true;
        return false;
    }
}
