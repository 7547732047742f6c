using System.Collections.Concurrent;
using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Health;

/// <summary>
/// A server that reaches its database through a <see cref="TcpProxy"/> (<see cref="Database"/>), logs
/// into <see cref="Logs"/>, and keeps the exception each request's error handler was given
/// (<see cref="Failures"/>, by path), so a test sees which error a failed request surfaced.
/// </summary>
public sealed class ProxiedDatabaseApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>()), IAsyncLifetime
{
    public TcpProxy Database { get; } = new(new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString).Host!,
        new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString).Port);

    public CapturedLogs Logs { get; } = new();

    public ConcurrentDictionary<string, Exception> Failures { get; } = new();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Host = "127.0.0.1", Port = Database.Port, Timeout = 3,
        }.ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // As in HubCallsApiFactory: this host logs through its own Serilog logger, not the static one.
            services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
            services.AddSingleton<IStartupFilter>(new KeepFailures(Failures));
        });
    }

    /// <summary>Outermost: after the request, the exception the error handler answered (it stays in the request's features).</summary>
    private sealed class KeepFailures(ConcurrentDictionary<string, Exception> failures) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                await nextMiddleware(http);
                if (http.Features.Get<IExceptionHandlerFeature>()?.Error is { } error) failures[http.Request.Path.Value ?? ""] = error;
            });
            next(app);
        };
    }
}

/// <summary>
/// A database connection dropped in the middle of a unit of work (the proxy cut while a statement
/// waits for a row lock): the request answers 503 with <c>Retry-After</c>, and what it surfaces is
/// Npgsql's own connection error, not the <c>ObjectDisposedException</c> an explicit rollback on
/// the broken connection used to throw over it (which also made the answer a 500). Nothing changes.
/// </summary>
public sealed class DroppedConnectionTests(ProxiedDatabaseApiFactory factory) : IClassFixture<ProxiedDatabaseApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ConnectionDroppedMidUnit_Answers503_AndSurfacesTheNpgsqlError_NotTheRollbacks()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", new { question = "Best?", options = new[] { "A", "B" } });
        var mark = factory.Logs.Events.Count;

        // Lock the activity's row directly (not through the proxy): the transition's update waits for it,
        // after its unit of work has locked the session and read the activity.
        await using var blocker = new NpgsqlConnection(factory.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("select 1 from activities where id = @poll for update", new { poll }, hold);

        var path = $"/api/v1/activities/{poll}/transition";
        var transition = _api.SendAsync(HttpMethod.Post, path, new { target_state = "published" }, adminCode: session.AdminCode);
        HttpResponseMessage response;
        try
        {
            await ProcessingTesting.WaitUntilAsync(async () => await blocker.ExecuteScalarAsync<long>(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", transaction: hold) > 0,
                "the transition to wait for the activity's row lock", Deadline);
            factory.Database.Cut(); // drops the server's connection mid-unit
            response = await transition.WaitAsync(Deadline);
        }
        finally
        {
            await hold.RollbackAsync();
            factory.Database.Restore();
        }

        var problem = await Api.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("database is unreachable", problem["detail"]!.GetValue<string>());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "503 without Retry-After");
        var surfaced = factory.Failures[path];
        Assert.True(surfaced is NpgsqlException { IsTransient: true }, $"surfaced {surfaced.GetType().Name}: {surfaced.Message}");
        Assert.DoesNotContain(Chain(surfaced), e => e is ObjectDisposedException);
        Assert.Contains(Chain(surfaced), e => e is IOException or System.Net.Sockets.SocketException);
        var disposed = factory.Logs.Events.Skip(mark).Where(e => e.Exception is not null && Chain(e.Exception).Any(x => x is ObjectDisposedException)).ToList();
        Assert.True(disposed.Count == 0, string.Join("\n", disposed.Select(e => e.RenderMessage())));

        // Nothing was changed, and the server works again once the connection can be made.
        await ProcessingTesting.WaitUntilAsync(async () => (await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{poll}", adminCode: session.AdminCode)).StatusCode == HttpStatusCode.OK,
            "the database to be reachable again", Deadline);
        Assert.Equal("draft", (await _api.GetJsonAsync($"/api/v1/activities/{poll}", adminCode: session.AdminCode))["state"]!.GetValue<string>());
        await _api.TransitionAsync(session, poll, "published");
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
