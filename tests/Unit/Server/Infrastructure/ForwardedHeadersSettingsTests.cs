using System.Net;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Server.Infrastructure;

/// <summary><c>ForwardedHeaders</c>: off by default, trusts exactly the listed proxies, and refuses settings it cannot use.</summary>
public sealed class ForwardedHeadersSettingsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddConflictoForwardedHeaders().BuildServiceProvider();
    }

    [Fact]
    public void NothingConfigured_IsOff()
    {
        using var services = Services();

        var settings = services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;

        Assert.False(settings.Enabled);
        Assert.Equal(1, settings.ForwardLimit);
    }

    [Fact]
    public void ListedProxiesAndNetworks_AreTheOnlyOnesTrusted()
    {
        using var services = Services(("ForwardedHeaders:Enabled", "true"), ("ForwardedHeaders:KnownProxies:0", "192.0.2.10"),
            ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"), ("ForwardedHeaders:ForwardLimit", "2"));

        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(new[] { IPAddress.Parse("192.0.2.10") }, options.KnownProxies);
        Assert.Equal(new[] { System.Net.IPNetwork.Parse("10.1.0.0/16") }, options.KnownIPNetworks);
        Assert.DoesNotContain(IPAddress.Loopback, options.KnownProxies); // not the framework's default
        Assert.Equal(2, options.ForwardLimit);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0", "ForwardLimit")]
    public void BadEntries_StopStartUpNamingTheSetting(string key, string value, string named)
    {
        using var services = Services(("ForwardedHeaders:KnownProxies:1", "192.0.2.10"), (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value);

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void EnabledWithoutAProxyToTrust_StopsStartUp()
    {
        using var services = Services(("ForwardedHeaders:Enabled", "true"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value);

        Assert.Contains("ForwardedHeaders:KnownProxies", error.Message);
    }
}
