using System.Net;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Conflicto.Tests.Unit.Server.Infrastructure;

/// <summary>Rate-limit partitions read credentials with the same parser as the caller does.</summary>
public sealed class RateLimitsTests
{
    private static HttpContext Request(string? authorization = null, string? adminCode = null, string? joinCode = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        if (adminCode is not null) http.Request.Headers[Caller.AdminCodeHeader] = adminCode;
        if (joinCode is not null) http.Request.QueryString = new QueryString($"?join_code={joinCode}");
        return http;
    }

    [Theory]
    [InlineData("Bearer tok")]
    [InlineData("bearer tok")]
    [InlineData("BEARER   tok  ")]
    public void ClientKey_SameTokenHoweverTheSchemeIsSpelled_IsOneBucket(string authorization)
    {
        Assert.Equal("t:tok", RateLimits.ClientKey(Request(authorization)));
    }

    [Theory]
    [InlineData("Basic YWxhZGRpbg==")]
    [InlineData("Bearer ")]
    public void ClientKey_AuthorizationWithoutABearerToken_IsTheAddress(string authorization)
    {
        Assert.Equal("ip:192.0.2.7", RateLimits.ClientKey(Request(authorization)));
    }

    [Fact]
    public void ClientKey_AdminCodeOrJoinCode_WithoutAToken()
    {
        Assert.Equal("a:HJKMNP", RateLimits.ClientKey(Request(adminCode: "HJKMNP")));
        Assert.Equal("j:ABCDEFGH:192.0.2.7", RateLimits.ClientKey(Request(joinCode: "ABCDEFGH")));
        Assert.Equal("t:tok", RateLimits.ClientKey(Request("Bearer tok", adminCode: "HJKMNP")));
    }
}
