using System.Net;
using System.Text.Json;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Server.Responses;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// A participant that is removed by the host, or leaves, loses its rights on every open hub
/// connection at once: further calls are refused with 401, the connection is told why
/// (<c>Revoked</c>) and closed, and nothing it sends is stored.
/// </summary>
public sealed class HubRevocationTests(HubCallsApiFactory factory) : IClassFixture<HubCallsApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(HubCallsApiFactory.RevokedCloseDelayMs) + TimeSpan.FromSeconds(15);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task RemovedByHost_OpenConnection_IsRefused401ToldWhyAndClosed_NothingStored()
    {
        var session = await _api.CreateSessionAsync();
        var troll = await _api.JoinAsync(session, "Troll");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var connection = Watch(await factory.JoinedAsync(session.Id, troll.Token), out var revoked, out var closed);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{troll.Id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        var seqAfterRemoval = await _api.LastSeqAsync(session.Id);

        var submit = await HubTesting.RefusedAsync(401, () => connection.InvokeAsync("SubmitResponse", poll, Option(0), "after-removal"));
        await HubTesting.RefusedAsync(401, () => connection.JoinAsync(session.Id));
        Assert.Contains("The host removed you from the session.", submit.Message);

        var notice = await revoked.Task.WaitAsync(Patience);
        Assert.Equal("removed", notice.GetProperty("reason").GetString());
        Assert.Equal(troll.Id, notice.GetProperty("participantId").GetInt32());
        Assert.Equal(session.Id, notice.GetProperty("sessionId").GetInt32());
        await closed.Task.WaitAsync(Patience);
        await AssertNothingStoredAsync(session, poll, seqAfterRemoval);
    }

    [Fact]
    public async Task LeftByItself_EveryOpenConnection_IsRefused401ToldWhyAndClosed_NothingStored()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        // Two tabs: one following the session over JSON, one only connected, over MessagePack.
        await using var joined = Watch(await factory.JoinedAsync(session.Id, ada.Token), out var joinedRevoked, out var joinedClosed);
        await using var idle = Watch(factory.HubClient(ada.Token, messagePack: true), out var idleRevoked, out var idleClosed);
        await idle.StartAsync();
        // The handshake answers before the server authenticates the connection (OnConnectedAsync);
        // a first call returns only after it, so the leave below finds this tab bound to Ada instead
        // of racing its authentication (a token already gone at connect is refused outright).
        await idle.InvokeAsync("LeaveSession");

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{ada.Id}", token: ada.Token), HttpStatusCode.NoContent);
        var seqAfterLeave = await _api.LastSeqAsync(session.Id);

        foreach (var connection in new[] { joined, idle })
        {
            await HubTesting.RefusedAsync(401, () => connection.InvokeAsync("SubmitResponse", poll, Option(1)));
            await HubTesting.RefusedAsync(401, () => connection.JoinAsync(session.Id));
        }

        foreach (var notice in await Task.WhenAll(joinedRevoked.Task, idleRevoked.Task).WaitAsync(Patience))
            Assert.Equal("left", notice.GetProperty("reason").GetString());
        await Task.WhenAll(joinedClosed.Task, idleClosed.Task).WaitAsync(Patience);
        await AssertNothingStoredAsync(session, poll, seqAfterLeave);
    }

    [Fact]
    public async Task ResponseInFlight_WhenItsParticipantLeaves_IsRefusedByTheWriterAndNotStored()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        // Resolved from the token before the leave, as a request already past authentication would have it.
        var resolved = new ParticipantIdentity(ada.Id, session.Id, ada.Nickname);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{ada.Id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        var seqAfterRemoval = await _api.LastSeqAsync(session.Id);
        using var scope = factory.Services.CreateScope();
        var (submitted, refusal) = await scope.ServiceProvider.GetRequiredService<ResponseSubmission>()
            .SubmitAsync(poll, resolved, JsonSerializer.SerializeToElement(Option(0)), "in-flight", CancellationToken.None);

        Assert.Null(submitted);
        Assert.Equal(RefusalKind.Unauthorized, refusal?.Kind);
        await AssertNothingStoredAsync(session, poll, seqAfterRemoval);
    }

    [Fact]
    public async Task OtherParticipants_KeepTheirRights()
    {
        var session = await _api.CreateSessionAsync();
        var troll = await _api.JoinAsync(session, "Troll");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var bobs = Watch(await factory.JoinedAsync(session.Id, bob.Token), out var bobRevoked, out _);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{troll.Id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        var ack = await bobs.InvokeAsync("SubmitResponse", poll, Option(1));

        Assert.Equal(await _api.LastSeqAsync(session.Id), ack.GetProperty("seq").GetInt64());
        Assert.False(bobRevoked.Task.IsCompleted);
        Assert.Equal(HubConnectionState.Connected, bobs.Connection.State);
    }

    private async Task AssertNothingStoredAsync(Api.Session session, Guid poll, long seqAfterLeave)
    {
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{poll}/responses", adminCode: session.AdminCode);
        Assert.Empty(list["responses"]!.AsArray());
        Assert.Equal(0, list["summary"]!["total_responses"]!.GetValue<int>());
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/activities/{poll}"))["response_count"]!.GetValue<int>());
        Assert.Equal(seqAfterLeave, await _api.LastSeqAsync(session.Id));
    }

    private static SessionHubClient Watch(SessionHubClient client, out TaskCompletionSource<JsonElement> revoked, out TaskCompletionSource closed)
    {
        var revokedSource = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closedSource = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.On<object>("Revoked", notice => revokedSource.TrySetResult(SessionHubClient.ToJson(notice)));
        client.Connection.Closed += _ =>
        {
            closedSource.TrySetResult();
            return Task.CompletedTask;
        };
        (revoked, closed) = (revokedSource, closedSource);
        return client;
    }

    private static Dictionary<string, object> Option(int index) => new() { ["option_index"] = index };
}
