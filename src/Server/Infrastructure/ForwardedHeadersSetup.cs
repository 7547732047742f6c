using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Section <c>ForwardedHeaders</c>: behind a reverse proxy every request's TCP peer is the proxy,
/// so every client would share the proxy's rate-limit buckets. Turned on, the client address a
/// trusted proxy puts in <c>X-Forwarded-For</c> (and the scheme in <c>X-Forwarded-Proto</c>)
/// becomes the request's, for the limits, the logs and <c>Metrics:AllowedNetworks</c>. Only peers
/// listed here are trusted: anyone else's <c>X-Forwarded-For</c> is ignored, as it is made up.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Off (the default): the TCP peer is the client, whatever headers say.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies whose forwarded headers are believed (<c>10.0.0.5</c>, <c>::1</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many proxies' entries are read from the end of <c>X-Forwarded-For</c>: 1 for one proxy,
    /// 2 for a CDN in front of a load balancer (each must be trusted).
    /// </summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>Stops start-up on an entry that does not parse, or on forwarding turned on without a proxy to trust.</summary>
public sealed class ForwardedHeadersSettingsValidation : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings settings)
    {
        var errors = new List<string>();
        for (var i = 0; i < settings.KnownProxies.Count; i++)
            if (!System.Net.IPAddress.TryParse(settings.KnownProxies[i].Trim(), out _))
                errors.Add($"ForwardedHeaders:KnownProxies:{i} '{settings.KnownProxies[i]}' is not an address.");
        for (var i = 0; i < settings.KnownNetworks.Count; i++)
            if (Metrics.MetricsOptions.ParseNetwork(settings.KnownNetworks[i]) is null)
                errors.Add($"ForwardedHeaders:KnownNetworks:{i} '{settings.KnownNetworks[i]}' is not a network (10.0.0.0/8, fd00::/8).");
        if (settings.Enabled && settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
            errors.Add("ForwardedHeaders:Enabled is true but neither ForwardedHeaders:KnownProxies nor ForwardedHeaders:KnownNetworks lists a proxy to trust.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddConflictoForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            var s = settings.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = s.ForwardLimit;
            // Only what is configured: not the framework's default of trusting loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in s.KnownProxies) options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy.Trim()));
            foreach (var network in s.KnownNetworks) options.KnownIPNetworks.Add(Metrics.MetricsOptions.ParseNetwork(network)!.Value);
        });
        return services;
    }

    /// <summary>First in the pipeline when on, so the request log, the abuse guard and the limiters all see the client's address.</summary>
    public static IApplicationBuilder UseConflictoForwardedHeaders(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        return settings.Enabled ? app.UseForwardedHeaders() : app;
    }
}
