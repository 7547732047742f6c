using Conflicto.Server.Polling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Tests.Unit.Server.Polling;

public sealed class CachedAnswerTests
{
    private static readonly PollEntry Entry = new("answer", 1, "W/\"0123456789abcdef01234567\"");

    private static (IResult Result, HttpContext Http) Answer(string? ifNoneMatch)
    {
        var http = new DefaultHttpContext();
        if (ifNoneMatch is not null) http.Request.Headers.IfNoneMatch = ifNoneMatch;
        return (CachedAnswer.From<string>(http, Entry).Result, http);
    }

    [Fact]
    public void From_WithoutIfNoneMatch_IsTheAnswerWithItsETag()
    {
        var (result, http) = Answer(null);

        Assert.Equal("answer", Assert.IsType<Ok<string>>(result).Value);
        Assert.Equal(Entry.ETag, http.Response.Headers.ETag.ToString());
        Assert.Equal("no-cache", http.Response.Headers.CacheControl.ToString());
    }

    [Theory]
    [InlineData("W/\"0123456789abcdef01234567\"")]
    [InlineData("\"0123456789abcdef01234567\"")] // weak comparison: a client that dropped the W/ still matches
    [InlineData("\"other\", W/\"0123456789abcdef01234567\"")]
    [InlineData("*")]
    public void From_MatchingIfNoneMatch_IsNotModified(string ifNoneMatch)
    {
        var (result, http) = Answer(ifNoneMatch);

        Assert.Equal(StatusCodes.Status304NotModified, Assert.IsType<StatusCodeHttpResult>(result).StatusCode);
        Assert.Equal(Entry.ETag, http.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData("W/\"an-older-answer\"")]
    [InlineData("not an etag")]
    public void From_OtherIfNoneMatch_IsTheAnswer(string ifNoneMatch)
    {
        var (result, _) = Answer(ifNoneMatch);

        Assert.Equal("answer", Assert.IsType<Ok<string>>(result).Value);
    }
}
