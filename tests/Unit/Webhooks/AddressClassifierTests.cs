using System.Net;
using Conflicto.Server.Webhooks;

namespace Conflicto.Tests.Unit.Webhooks;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void NonPublicAddresses_AreRefused(string address) =>
        Assert.NotNull(AddressClassifier.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("203.0.113.7")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddresses_AreAllowed(string address) =>
        Assert.Null(AddressClassifier.Refusal(IPAddress.Parse(address)));

    [Fact]
    public void TheRefusal_SaysWhatTheAddressIs()
    {
        Assert.Contains("link-local", AddressClassifier.Refusal(IPAddress.Parse("169.254.169.254")));
        Assert.Contains("loopback", AddressClassifier.Refusal(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Contains("CGNAT", AddressClassifier.Refusal(IPAddress.Parse("100.64.1.1")));
    }
}
