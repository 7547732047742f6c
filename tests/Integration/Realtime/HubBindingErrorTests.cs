using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// Calls that do not bind (wrong argument types, wrong count, unknown method) are refused with
/// "400 Bad Request: …" naming what is wrong, over JSON and MessagePack, and change nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HubBindingErrorTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongArgumentType_Refused400NamingTheArgument(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, messagePack: messagePack);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);
        var before = await _api.LastSeqAsync(session.Id);

        var notAnId = await HubTesting.RefusedAsync(400, () => participant.InvokeAsync("SubmitResponse", "not-a-guid", Option(0), "k"));
        var notABool = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("TransitionActivity", poll, "expired", "yes"));

        Assert.Contains("argument 1 (activityId) must be a UUID string", notAnId.Message);
        Assert.Contains("argument 3 (force) must be true or false", notABool.Message);
        Assert.Contains("'TransitionActivity'", notABool.Message); // SignalR's own preamble names the method called
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
        Assert.Equal("active", (await _api.GetJsonAsync($"/api/v1/activities/{poll}"))["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongArgumentCount_Refused400SayingWhatTheMethodTakes(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);
        var before = await _api.LastSeqAsync(session.Id);

        var tooFew = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("TransitionActivity", poll));
        var tooMany = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("SetSessionStatus", "active", "now", 3));
        var none = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("JoinSession"));

        Assert.Contains("TransitionActivity takes 2 to 4 argument(s), TransitionActivity(activityId, targetState, force?, keepOthersOpen?), but was sent 1", tooFew.Message);
        Assert.Contains("SetSessionStatus takes 1 argument(s), SetSessionStatus(status), but was sent 3", tooMany.Message);
        Assert.Contains("JoinSession takes 1 argument(s)", none.Message);
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
        Assert.Equal("draft", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnknownMethod_Refused400ListingTheMethods(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);

        var unknown = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("StartQuiz", 1));
        // The protocol's internal route for unbindable calls is not callable either.
        var reserved = await HubTesting.RefusedAsync(400, () => host.InvokeAsync("$bindingFailure", "SetSessionStatus", "forged"));

        Assert.Contains("There is no hub method 'StartQuiz'", unknown.Message);
        Assert.Contains("SubmitResponse", unknown.Message);
        Assert.Contains("There is no hub method '$bindingFailure'", reserved.Message);
        Assert.DoesNotContain("forged", reserved.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AfterABindingError_TheConnectionKeepsWorking(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, messagePack: messagePack);

        await HubTesting.RefusedAsync(400, () => participant.InvokeAsync("SubmitResponse", poll));
        var ack = await participant.InvokeAsync("SubmitResponse", poll, Option(1));

        Assert.Equal(await _api.LastSeqAsync(session.Id), ack.GetProperty("seq").GetInt64());
    }

    private static Dictionary<string, object> Option(int index) => new() { ["option_index"] = index };
}
