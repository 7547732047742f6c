using System.Net;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Server.Infrastructure;

/// <summary>Rate-limit partitions: validated credentials by what they name, everything else by the (hashed) address.</summary>
public sealed class RateLimitsTests
{
    private readonly AbuseLimits _limits = new(Options.Create(new RateLimitOptions()), NullLogger<AbuseLimits>.Instance);

    private HttpContext Request(string? authorization = null, string? adminCode = null, string address = "192.0.2.7")
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(_limits).BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        if (adminCode is not null) http.Request.Headers[Caller.AdminCodeHeader] = adminCode;
        return http;
    }

    [Theory]
    [InlineData("Bearer tok")]
    [InlineData("bearer tok")]
    [InlineData("BEARER   tok  ")]
    public void ClientKey_ValidatedTokenHoweverTheSchemeIsSpelled_IsItsParticipant(string authorization)
    {
        _limits.Remember("t:tok", "p:7");
        Assert.Equal("p:7", RateLimits.ClientKey(Request(authorization)));
    }

    [Theory]
    [InlineData("Basic YWxhZGRpbg==")]
    [InlineData("Bearer ")]
    [InlineData("Bearer junk-never-validated")]
    public void ClientKey_AuthorizationThatNamesNoParticipant_IsTheAddress(string authorization)
    {
        Assert.Equal(AbuseLimits.AddressKey(IPAddress.Parse("192.0.2.7"), new RateLimitOptions().AddressBuckets), RateLimits.ClientKey(Request(authorization)));
    }

    [Fact]
    public void ClientKey_AdminCode_IsItsSessionOnlyOnceValidated()
    {
        Assert.StartsWith("ip:", RateLimits.ClientKey(Request(adminCode: "HJKMNP")));
        _limits.Remember("a:HJKMNP", "h:12");
        Assert.Equal("h:12", RateLimits.ClientKey(Request(adminCode: "HJKMNP")));
    }

    [Fact]
    public void AddressKey_IsOneOfABoundedNumberOfBuckets_AndAnIPv6ClientIsItsSlash64()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => AbuseLimits.AddressKey(IPAddress.Parse($"10.0.{i / 256}.{i % 256}"), 16)).ToHashSet();
        Assert.InRange(keys.Count, 2, 16);
        Assert.Equal(AbuseLimits.AddressKey(IPAddress.Parse("2001:db8:1:2::1"), 65_536), AbuseLimits.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9"), 65_536));
        Assert.Equal(AbuseLimits.AddressKey(IPAddress.Parse("192.0.2.7"), 65_536), AbuseLimits.AddressKey(IPAddress.Parse("::ffff:192.0.2.7"), 65_536));
    }
}
