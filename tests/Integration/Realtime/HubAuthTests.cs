using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Who may connect, join which session, and do what: refusals carry REST's status code.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubAuthTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("cpt_thisTokenWasNeverIssuedByTheServerAtAll_0123456")]
    [InlineData("not-a-token")]
    [InlineData("ZZZZZZ")] // six characters: taken as an admin code, which no session has
    public async Task Connect_WithInvalidCredential_FailsBeforeAnySnapshot(string credential)
    {
        var session = await _api.CreateSessionAsync();
        await using var client = factory.HubClient(credential);

        var failure = await Record.ExceptionAsync(async () =>
        {
            await client.StartAsync();
            await client.JoinAsync(session.Id, joinCode: session.JoinCode);
        });

        Assert.NotNull(failure);
        Assert.Null(client.LastJoin);
    }

    [Fact]
    public async Task JoinSession_ParticipantOfAnotherSession_IsForbiddenAndGetsNoEvents()
    {
        var mine = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(mine, "Alice");
        await using var intruder = factory.HubClient(alice.Token);
        await intruder.StartAsync();

        await HubTesting.RefusedAsync(403, () => intruder.JoinAsync(other.Id));
        await HubTesting.RefusedAsync(403, () => intruder.JoinAsync(other.Id, joinCode: other.JoinCode));
        Assert.Null(intruder.LastJoin);

        // A change in the other session reaches its host but not the refused participant, who
        // still can follow their own session on the same connection.
        await using var otherHost = await factory.JoinedAsync(other.Id, other.AdminCode);
        var otherSeq = otherHost.LastSeq;
        await _api.JoinAsync(other, "Bob");
        await otherHost.WaitForSeqAsync(otherSeq + 1);
        await intruder.JoinAsync(mine.Id);
        var mineSeq = intruder.LastSeq;
        await _api.JoinAsync(mine, "Carol");
        await intruder.WaitForSeqAsync(mineSeq + 1);
        Assert.All(intruder.Events, e => Assert.Equal(mine.Id, e.GetProperty("sessionId").GetInt32()));
    }

    [Fact]
    public async Task JoinSession_ViewerWithWrongJoinCode_IsForbidden()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        await using var viewer = factory.HubClient(null);
        await viewer.StartAsync();

        await HubTesting.RefusedAsync(403, () => viewer.JoinAsync(session.Id, joinCode: other.JoinCode));
        await HubTesting.RefusedAsync(403, () => viewer.JoinAsync(session.Id, joinCode: "nonsense"));
        Assert.Null(viewer.LastJoin);
    }

    [Fact]
    public async Task JoinSession_ViewerWithoutJoinCode_IsUnauthorized()
    {
        var session = await _api.CreateSessionAsync();
        await using var viewer = factory.HubClient(null);
        await viewer.StartAsync();

        await HubTesting.RefusedAsync(401, () => viewer.JoinAsync(session.Id));
        await HubTesting.RefusedAsync(401, () => viewer.JoinAsync(session.Id, joinCode: "  "));
    }

    [Fact]
    public async Task JoinSession_UnknownSessionWithJoinCode_IsNotFound()
    {
        var session = await _api.CreateSessionAsync();
        await using var viewer = factory.HubClient(null);
        await viewer.StartAsync();

        await HubTesting.RefusedAsync(404, () => viewer.JoinAsync(int.MaxValue, joinCode: session.JoinCode));
    }

    [Fact]
    public async Task HostMethods_CalledByParticipant403_OrViewer401_ChangeNothing()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var activity = await _api.CreateActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var before = await _api.LastSeqAsync(session.Id);

        // A participant is somebody who may not do this (403); a viewer's connection carries no credential (401).
        foreach (var (client, status) in new[] { (participant, 403), (viewer, 401) })
        {
            await HubTesting.RefusedAsync(status, () => client.InvokeAsync("TransitionActivity", activity, "published", false));
            await HubTesting.RefusedAsync(status, () => client.InvokeAsync("SetSessionStatus", "active"));
        }

        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
        var state = await _api.GetJsonAsync($"/api/v1/activities/{activity}");
        Assert.Equal("draft", state["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task HostOfAnotherSession_CannotJoinOrRunItsActivities()
    {
        var mine = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var theirs = await _api.CreateActivityAsync(other, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await using var host = factory.HubClient(mine.AdminCode);
        await host.StartAsync();
        var before = await _api.LastSeqAsync(other.Id);

        await HubTesting.RefusedAsync(403, () => host.JoinAsync(other.Id));
        await HubTesting.RefusedAsync(403, () => host.InvokeAsync("TransitionActivity", theirs, "published", false));

        Assert.Equal(before, await _api.LastSeqAsync(other.Id));
    }

    [Fact]
    public async Task SetSessionStatus_HostJoinedElsewhereAsViewer_IsForbidden()
    {
        var mine = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        await using var host = factory.HubClient(mine.AdminCode);
        await host.StartAsync();
        var joined = await host.JoinAsync(other.Id, joinCode: other.JoinCode);
        Assert.Equal("viewer", joined.GetProperty("snapshot").GetProperty("role").GetString());
        var before = await _api.LastSeqAsync(mine.Id);

        await HubTesting.RefusedAsync(403, () => host.InvokeAsync("SetSessionStatus", "active"));

        Assert.Equal(before, await _api.LastSeqAsync(mine.Id));
    }

    [Fact]
    public async Task SubmitResponse_ToAnotherSessionsActivity_IsForbiddenAndStoresNothing()
    {
        var mine = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(mine, "Alice");
        var theirs = await _api.CreateActiveActivityAsync(other, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await using var participant = await factory.JoinedAsync(mine.Id, alice.Token);
        var before = await _api.LastSeqAsync(other.Id);

        await HubTesting.RefusedAsync(403, () => participant.InvokeAsync("SubmitResponse", theirs, new { option_index = 0 }, "k1"));

        Assert.Equal(before, await _api.LastSeqAsync(other.Id));
        var results = await _api.GetJsonAsync($"/api/v1/activities/{theirs}/results");
        Assert.Equal(0, results["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task SubmitResponse_AsViewer401_AsHost403()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        await HubTesting.RefusedAsync(401, () => viewer.InvokeAsync("SubmitResponse", poll, new { option_index = 0 }, "k1"));
        await HubTesting.RefusedAsync(403, () => host.InvokeAsync("SubmitResponse", poll, new { option_index = 0 }, "k2"));
    }
}
