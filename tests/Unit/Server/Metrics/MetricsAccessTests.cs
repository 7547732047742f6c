using System.Net;
using Conflicto.Server.Metrics;

namespace Conflicto.Tests.Unit.Server.Metrics;

/// <summary>Metrics:AllowedNetworks: what an entry may be, and who it lets in.</summary>
public sealed class MetricsAccessTests
{
    private static readonly IReadOnlyList<System.Net.IPNetwork> Internal =
        new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", " 192.0.2.7 ", "fd00::/8"] }.Networks();

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("::ffff:10.1.2.3", true)] // an IPv4 peer on a dual-stack socket
    [InlineData("192.0.2.7", true)] // a lone address is a network of one
    [InlineData("192.0.2.8", false)]
    [InlineData("fd12::1", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::1", false)]
    public void IsAllowed_MatchesTheListedNetworks(string peer, bool allowed) =>
        Assert.Equal(allowed, MetricsAccess.IsAllowed(IPAddress.Parse(peer), Internal));

    [Fact]
    public void IsAllowed_WithoutAPeerAddress_Refuses() => Assert.False(MetricsAccess.IsAllowed(null, Internal));

    [Fact]
    public void Validation_NamesEachBadEntryAndABadPath()
    {
        var result = new MetricsOptionsValidation().Validate(null, new MetricsOptions
        {
            Path = "metrics",
            AllowedNetworks = ["10.0.0.0/8", "10.0.0.0/33", "intranet"],
        });

        Assert.True(result.Failed);
        var message = result.FailureMessage;
        Assert.Contains("Metrics:Path 'metrics'", message);
        Assert.Contains("Metrics:AllowedNetworks:1 '10.0.0.0/33'", message);
        Assert.Contains("Metrics:AllowedNetworks:2 'intranet'", message);
        Assert.DoesNotContain("AllowedNetworks:0", message);
    }

    [Fact]
    public void Validation_AcceptsTheDefaults() => Assert.True(new MetricsOptionsValidation().Validate(null, new MetricsOptions()).Succeeded);
}
