using System.Net;
using System.Net.Http.Json;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>A server whose operator raised the per-session participant cap for large events.</summary>
public sealed class LargeEventApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Limits:MaxParticipantsPerSession"] = "20000",
});

public sealed class ParticipantCapTests(LargeEventApiFactory factory) : IClassFixture<LargeEventApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task RaisedCap_AllowsLargerSessions_UpToIt()
    {
        var created = await _api.CreateSessionAsync(maxParticipants: 20000);

        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{created.Id}");
        Assert.Equal(20000, detail["max_participants"]!.GetValue<int>());
    }

    [Fact]
    public async Task RaisedCap_StillRefusesMore_WithTheConfiguredBoundInTheMessage()
    {
        var tooMany = await factory.CreateClient().PostAsJsonAsync("/api/v1/sessions/", new { title = "Too big", max_participants = 20001 });

        var problem = await Api.ProblemAsync(tooMany, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("between 1 and 20000", problem.ToJsonString());
    }

    [Fact]
    public async Task RaisedCap_AppliesToUpdates()
    {
        var session = await _api.CreateSessionAsync();

        var raised = await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { max_participants = 15000 }, adminCode: session.AdminCode);
        var refused = await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { max_participants = 25000 }, adminCode: session.AdminCode);

        Assert.Equal(15000, (await Api.ReadAsync(raised, HttpStatusCode.OK))["max_participants"]!.GetValue<int>());
        await Api.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(15000, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["max_participants"]!.GetValue<int>());
    }
}
