using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.MultiNode;

[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeRevocationTests(MultiNodeFixture nodes)
{
    [Fact]
    public async Task ParticipantRemovedOnNodeA_ItsConnectionOnNodeB_IsToldWhyAndClosed()
    {
        var apiA = nodes.ApiOn(nodes.NodeA);
        var session = await apiA.CreateSessionAsync("Eject across nodes");
        var troll = await apiA.JoinAsync(session, "Troll");
        var poll = await apiA.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "a", "b" } });
        await using var onB = SessionHubClient.Create(null, nodes.NodeB.BaseUrl, troll.Token, HttpTransportType.WebSockets);
        var revoked = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.Connection.On<object>("Revoked", notice => revoked.TrySetResult(SessionHubClient.ToJson(notice)));
        onB.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await onB.StartAsync();
        await onB.JoinAsync(session.Id);

        await Api.ReadAsync(await apiA.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{troll.Id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);

        var notice = await revoked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("removed", notice.GetProperty("reason").GetString());
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var list = await apiA.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{poll}/responses", adminCode: session.AdminCode);
        Assert.Equal(0, list["summary"]!["total_responses"]!.GetValue<int>());
    }
}
