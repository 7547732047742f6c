using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.OpenApi;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// Issue #13 item 4: generated hostile requests at every route the app maps (found in the served
/// OpenAPI document and the endpoint table, so new routes are attacked without being listed),
/// with real ids and every kind of credential. Each must be answered below 500, errors as
/// problem+json without internals, and a refused request must change nothing in the database.
/// Seeded: a failure names its case number and seed (<see cref="HostileRun"/>).
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileRestTests(ConflictoApiFactory factory, ITestOutputHelper output)
{
    /// <summary>Cases per run in CI (times <see cref="HostileRun.Scale"/>).</summary>
    public const int CasesPerRun = 3000;

    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task EveryRoute_HasGeneratorCoverage()
    {
        var routes = await DiscoverAsync();
        var world = await HostileWorld.CreateAsync(new Api(_client), 0);

        var uncovered = RestRoutes.Uncovered(routes, world).ToList();

        Assert.True(routes.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)) > 40, $"only {routes.Count} routes found: discovery no longer finds the API");
        Assert.True(uncovered.Count == 0, string.Join("\n", uncovered));
    }

    [Fact]
    public async Task EveryRoute_AnswersHostileInput_Below500_AsProblems_WithoutChanges()
    {
        var routes = await DiscoverAsync();
        var document = await ServedDocument.LoadAsync(_client);
        var generator = new RestCaseGenerator(new SchemaSample(document.Root));
        var api = new Api(_client);
        var state = new StateFingerprint(factory.ConnectionString);
        var tally = new HostileTally("REST");
        var random = HostileRun.For("rest");
        var generation = 0;
        var world = await HostileWorld.CreateAsync(api, generation);
        string? known = null;
        var perRoute = (CasesPerRun * HostileRun.Scale + routes.Count - 1) / routes.Count;
        var clock = Stopwatch.StartNew();
        var number = 0;

        for (var round = 0; round < perRoute; round++)
        {
            for (var r = 0; r < routes.Count; r++)
            {
                var route = routes[r];
                var kinds = generator.KindsFor(route).ToList();
                var hostile = generator.Make(++number, kinds[(round + r) % kinds.Count], route, world, random);
                known ??= await state.ReadAsync(world);
                var outcome = await SendAsync(hostile);
                tally.Count(hostile.Kind, outcome.Status);
                foreach (var problem in Judge(hostile, outcome)) tally.Fail($"{hostile.Describe()} → {outcome.Status}: {problem}; answer: {Cut(outcome.Body)}");
                if (outcome.Status >= 400)
                {
                    var after = await state.ReadAsync(world);
                    if (after != known) tally.Fail($"{hostile.Describe()} → {outcome.Status} but changed {StateFingerprint.Difference(known, after)}; answer: {Cut(outcome.Body)}");
                    known = after;
                }
                else
                {
                    known = null;
                    if (route.Method != "GET" && !await state.IntactAsync(world)) world = await HostileWorld.CreateAsync(api, ++generation);
                }
            }
        }

        output.WriteLine($"{tally.Summary()}worlds built: {generation + 1}, {clock.Elapsed.TotalSeconds:F0} s");
        tally.Save("hostile-rest.md");
        Assert.True(tally.Failures == 0, tally.Report());
    }

    private sealed record Outcome(int Status, string? ContentType, string Body);

    private async Task<Outcome> SendAsync(RestCase hostile)
    {
        using var request = hostile.ToRequest();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new Outcome((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, Encoding.UTF8.GetString(bytes));
        }
        catch (Exception ex) when ((hostile.Kind == "header-content-length" && ex is HttpRequestException or InvalidOperationException) || ex is UriFormatException)
        {
            return new Outcome(0, null, "client refused to send: " + ex.Message); // the client would not send a wrong length or a broken URL
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("path contains null characters", StringComparison.Ordinal))
        {
            return new Outcome(0, null, "the host refused the request line: " + ex.Message); // the test host's stand-in for Kestrel's 400 (docs/security.md)
        }
        catch (Exception ex)
        {
            // The test server rethrows what escapes the app: the same as a 500 for the client.
            return new Outcome(599, null, $"the request threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static IEnumerable<string> Judge(RestCase hostile, Outcome outcome)
    {
        if (outcome.Status == 0) yield break;
        if (outcome.Status >= 500 && !hostile.Route.DocumentedStatuses.Contains(outcome.Status)) yield return "a server error";
        if (hostile.MustBeRefused && hostile.Route.TakesBody && outcome.Status is < 400 && hostile.ContentType is "application/json")
            yield return "input that cannot be stored was accepted";
        if (outcome.Status < 400) yield break;
        if (outcome.ContentType != "application/problem+json") yield return $"an error answered as {outcome.ContentType ?? "(no content type)"}, not problem+json";
        else if (!IsProblem(outcome.Body, outcome.Status)) yield return "a problem body without its status";
        if (Internals.Leak(outcome.Body, hostile.SentText) is { } leak) yield return $"the error shows internals (\"{leak}\")";
    }

    private static bool IsProblem(string body, int status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var value) && value == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<RestRoute>> DiscoverAsync() =>
        RestRoutes.Discover(await ServedDocument.LoadAsync(_client), factory.Services.GetRequiredService<EndpointDataSource>());

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
