using System.Reflection;
using System.Text.RegularExpressions;
using Conflicto.Server.Realtime;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Access;

/// <summary>
/// docs/security.md's access matrix, proven: every REST route and hub method, called by each of
/// the six actors, answers the status its row says. Routes are enumerated from the server's
/// endpoints and hub methods from <see cref="SessionHub"/>, so a new one without a row fails here.
/// One seeded world (<see cref="AccessWorld"/>) serves every row.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class AccessMatrixTests(ConflictoApiFactory factory, AccessWorldFixture world) : IClassFixture<AccessWorldFixture>
{
    public static TheoryData<string, Actor> RestCells() => Cells(hub: false);

    public static TheoryData<string, Actor> HubCells() => Cells(hub: true);

    [Fact]
    public void EveryRouteAndHubMethod_HasARow()
    {
        var rows = AccessMatrix.Rows.Where(r => r.Variant is null).Select(r => r.Key).ToHashSet();
        var routes = Routes(factory).ToList();
        var methods = HubMethods().ToList();

        var missing = routes.Concat(methods).Where(k => !rows.Contains(k)).ToList();
        var stale = rows.Where(k => !routes.Contains(k) && !methods.Contains(k)).ToList();

        Assert.True(routes.Count > 40, $"only {routes.Count} routes found: the filter no longer finds the API");
        Assert.True(missing.Count == 0 && stale.Count == 0,
            "docs/security.md's \"Access matrix\" and the server disagree.\n"
            + (missing.Count == 0 ? "" : "These routes / hub methods have no row: add one each with the status each actor gets "
                + "(anonymous | viewer | participant | other participant | host | other host), e.g. | `GET /api/v1/...` | 401 | 401 | 403 | 403 | 200 | 403 | |; "
                + "a route that needs a body or acts on what it destroys also needs a recipe in tests/Integration/Access/RouteCalls.cs, "
                + "a hub method an invocation in AccessMatrixTests.InvokeAsync:\n" + string.Join("\n", missing) + "\n")
            + (stale.Count == 0 ? "" : "These rows name routes / hub methods the server no longer has: remove them:\n" + string.Join("\n", stale)));
    }

    [Theory]
    [MemberData(nameof(RestCells))]
    public async Task Route_AnswersEachActor_AsTheMatrixSays(string row, Actor actor)
    {
        var r = AccessMatrix.Row(row);
        var w = await world.GetAsync(factory);
        var call = await RouteCalls.ForAsync(w, r.Key, r.Variant);
        var (adminCode, token, joinCode) = w.CredentialsOf(actor, call.Target);
        var path = joinCode is null ? call.Path : $"{call.Path}{(call.Path.Contains('?') ? '&' : '?')}join_code={joinCode}";

        var response = await w.Api.SendAsync(new HttpMethod(r.Key[..r.Key.IndexOf(' ')]), path, call.Body, adminCode, token);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == r.Expected[actor],
            $"{r.Name} as {actor}: docs/security.md's access matrix says {r.Expected[actor]}, the server answered {(int)response.StatusCode}: {text}");
        if ((int)response.StatusCode >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(HubCells))]
    public async Task HubMethod_AnswersEachActor_AsTheMatrixSays(string row, Actor actor)
    {
        var r = AccessMatrix.Row(row);
        var w = await world.GetAsync(factory);
        string? credential = actor switch
        {
            Actor.Participant => w.Pat.Token,
            Actor.OtherParticipant => w.Stranger.Token,
            Actor.Host => w.A.AdminCode,
            Actor.OtherHost => w.B.AdminCode,
            _ => null,
        };
        // The viewer and another session's host follow A with its join code (a host may watch another
        // session as a viewer); the rows after JoinSession are called joined, as far as the actor can join.
        var joinCode = actor is Actor.Viewer or Actor.OtherHost ? w.A.JoinCode : null;
        await using var client = factory.HubClient(credential);
        await client.StartAsync();
        if (r.Key != "JoinSession" && actor is not (Actor.Anonymous or Actor.OtherParticipant)) await client.JoinAsync(w.A.Id, joinCode: joinCode);

        var status = await StatusOfAsync(() => InvokeAsync(client, w, r.Key, actor == Actor.Viewer ? joinCode : null));

        Assert.True(status == r.Expected[actor], $"hub {r.Name} as {actor}: docs/security.md's access matrix says {r.Expected[actor]}, the hub answered {status}.");
    }

    private static async Task InvokeAsync(SessionHubClient client, AccessWorld w, string method, string? joinCode)
    {
        switch (method)
        {
            case "JoinSession": await client.JoinAsync(w.A.Id, joinCode: joinCode); break;
            case "LeaveSession": await client.InvokeAsync("LeaveSession"); break;
            case "SubmitResponse": await client.InvokeAsync("SubmitResponse", w.Qa, new { question = "Asked over the hub" }, Guid.NewGuid().ToString()); break;
            case "SetSessionStatus": await client.InvokeAsync("SetSessionStatus", "active"); break;
            case "TransitionActivity": await client.InvokeAsync("TransitionActivity", await w.FreshActivityAsync(), "published", false); break;
            case "Ping": await client.InvokeAsync("Ping", "not-a-nonce"); break;
            case "GetQuiz": await client.InvokeAsync("GetQuiz", w.RunningQuiz); break;
            case "RunQuiz": await client.InvokeAsync("RunQuiz", await w.FreshQuizAsync(), "start", null); break;
            case Server.Realtime.Binding.BindingFailure.Target: await client.InvokeAsync(method); break;
            default: throw new InvalidOperationException($"No invocation for hub method {method}: add one to AccessMatrixTests.InvokeAsync.");
        }
    }

    private static async Task<int> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (HubException refused)
        {
            var status = HubStatus().Match(refused.Message);
            Assert.True(status.Success, $"a hub refusal without a status: {refused.Message}");
            return int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static TheoryData<string, Actor> Cells(bool hub)
    {
        var data = new TheoryData<string, Actor>();
        foreach (var row in AccessMatrix.Rows.Where(r => r.IsHub == hub))
            foreach (var actor in Enum.GetValues<Actor>()) data.Add(row.Name, actor);
        return data;
    }

    /// <summary>"METHOD /pattern" of every route the API describes (route handlers with an HTTP method, not excluded from the description).</summary>
    public static IEnumerable<string> Routes(ConflictoApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(r => r.Metadata.GetMetadata<MethodInfo>() is not null
                && r.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(r => (r.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {r.RoutePattern.RawText}"))
            .Distinct();

    /// <summary>The hub's methods as clients name them.</summary>
    public static IEnumerable<string> HubMethods() =>
        typeof(SessionHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync) or nameof(Hub.Dispose)))
            .Select(m => m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? m.Name);

    [GeneratedRegex(@"(?:^|HubException: )(\d{3}) [A-Z]")]
    private static partial Regex HubStatus();
}

/// <summary>The world of a test class, seeded once on first use (it needs the collection's server).</summary>
public sealed class AccessWorldFixture
{
    private readonly Lock _gate = new();
    private Task<AccessWorld>? _world;

    public Task<AccessWorld> GetAsync(ConflictoApiFactory factory)
    {
        lock (_gate) return _world ??= AccessWorld.CreateAsync(factory.CreateClient(), factory.ConnectionString);
    }
}
