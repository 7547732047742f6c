using Conflicto.Server.Access;
using Microsoft.AspNetCore.Http;

namespace Conflicto.Tests.Unit.Server.Access;

public sealed class BearerTokensTests
{
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER abc", "abc")]
    [InlineData("Bearer    abc", "abc")]
    [InlineData("Bearer abc   ", "abc")]
    [InlineData("Bearer cpt_Zm9v-YmFy_", "cpt_Zm9v-YmFy_")]
    public void Parse_BearerHeader_IsItsTrimmedToken(string header, string token)
    {
        Assert.Equal(token, BearerTokens.Parse(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer     ")]
    [InlineData("Bearerabc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Token abc")]
    [InlineData("abc")]
    public void Parse_NoBearerToken_IsNull(string? header)
    {
        Assert.Null(BearerTokens.Parse(header));
    }

    [Fact]
    public void Of_Request_ReadsTheAuthorizationHeader()
    {
        var http = new DefaultHttpContext();
        Assert.Null(BearerTokens.Of(http.Request));

        http.Request.Headers.Authorization = "bearer  tok ";

        Assert.Equal("tok", BearerTokens.Of(http.Request));
        Assert.Null(BearerTokens.Of(null));
    }
}
