using System.Text.Json;
using Conflicto.Server.Shutdown;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Unit.Server.Shutdown;

/// <summary>While draining, new work is refused with 503 + Retry-After; what belongs to existing connections and health goes through.</summary>
public sealed class DrainMiddlewareTests
{
    [Theory]
    [InlineData("/hubs/session/negotiate", "?negotiateVersion=1", true)]
    [InlineData("/hubs/session", "", true)] // a client skipping negotiation connects here directly
    [InlineData("/hubs/session", "?id=abc", false)] // a poll or send of a connection that exists
    [InlineData("/api/v1/sessions/", "", true)]
    [InlineData("/api/v1/sessions/7/events", "?after=3&wait=10", true)]
    [InlineData("/api/v1/health/ready", "", false)]
    [InlineData("/api/v1/health/live", "", false)]
    [InlineData("/join", "", false)]
    public void StartsWork_RefusesNewConnectionsAndApiRequestsOnly(string path, string query, bool refused)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);

        Assert.Equal(refused, DrainMiddleware.StartsWork(http.Request));
    }

    [Fact]
    public async Task Draining_NewApiRequest_Gets503ProblemWithRetryAfterAndConnectionClose()
    {
        var drain = new NodeDrain(TimeProvider.System);
        drain.Begin();
        var reached = false;
        var middleware = new DrainMiddleware(_ => { reached = true; return Task.CompletedTask; }, drain);
        var http = Request("/api/v1/sessions/");

        await middleware.InvokeAsync(http);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("close", http.Response.Headers.Connection.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task NotDraining_EveryRequestGoesThrough()
    {
        var reached = false;
        var middleware = new DrainMiddleware(_ => { reached = true; return Task.CompletedTask; }, new NodeDrain(TimeProvider.System));
        var http = Request("/hubs/session/negotiate");

        await middleware.InvokeAsync(http);

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
    }

    private static DefaultHttpContext Request(string path)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return http;
    }
}
