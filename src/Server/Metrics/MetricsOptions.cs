using System.Net;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Metrics;

/// <summary>Section <c>Metrics</c>: the OpenTelemetry metrics and their Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Off: no meter provider, no endpoint (the meters still exist for dotnet-counters).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where Prometheus scrapes.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Networks (<c>10.0.0.0/8</c>) or addresses allowed to scrape; empty (the default) allows anyone
    /// who can reach the node. The figures hold no personal data, but they show how busy the
    /// service is: on a node the public can reach, list the scraper's network here or keep the
    /// path off the load balancer. The address checked is the request's: the TCP peer, or the client a
    /// trusted proxy forwards when <c>ForwardedHeaders</c> is on.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    internal IReadOnlyList<IPNetwork> Networks() => AllowedNetworks.Select(entry => ParseNetwork(entry)!.Value).ToList();

    /// <summary>A CIDR network, or a lone address as a network of one; null when it is neither.</summary>
    internal static IPNetwork? ParseNetwork(string? entry)
    {
        var text = entry?.Trim() ?? "";
        if (IPNetwork.TryParse(text, out var network)) return network;
        return IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8) : null;
    }
}

/// <summary>Stops start-up on a path that is not absolute or a network entry that does not parse, naming the setting.</summary>
public sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        if (options.Path is not ['/', ..] || options.Path.Contains('?'))
            errors.Add($"Metrics:Path '{options.Path}' must be an absolute path such as /metrics.");
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (MetricsOptions.ParseNetwork(options.AllowedNetworks[i]) is null)
                errors.Add($"Metrics:AllowedNetworks:{i} '{options.AllowedNetworks[i]}' is neither a network (10.0.0.0/8, fd00::/8) nor an address.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
