using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// Real things for hostile requests to aim at, so that they get past "not found" and reach the
/// handlers: a session with its host code, a participant with a response to an active poll, a
/// draft activity, a participant who left (a revoked token), and a second session with its own
/// host and participant (right credentials, wrong session). Rebuilt whenever a hostile request
/// was accepted and may have changed it.
/// </summary>
public sealed record HostileWorld(
    Api.Session Session, Api.Participant Participant, string RevokedToken, Guid ActivePoll, Guid Draft, Guid ResponseId,
    Api.Session Other, Api.Participant OtherParticipant)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B", "C" } };

    /// <summary>A webhook endpoint of the session (a documentation address: registration accepts it, nothing answers).</summary>
    public Guid Webhook { get; init; }

    public static async Task<HostileWorld> CreateAsync(Api api, int generation)
    {
        var session = await api.CreateSessionAsync($"Hostile target {generation}");
        var participant = await api.JoinAsync(session, "Target");
        var leaver = await api.JoinAsync(session, "Leaver");
        var left = await api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{leaver.Id}", token: leaver.Token);
        Assert.True(left.IsSuccessStatusCode, $"the leaver could not leave: {(int)left.StatusCode}");
        var poll = await api.CreateActiveActivityAsync(session, "poll", PollConfig, keepOthersOpen: true);
        var draft = await api.CreateActivityAsync(session, "poll", PollConfig, "Draft");
        var submitted = await Api.ReadAsync(await api.SubmitAsync(participant, poll, new { option_index = 1 }), HttpStatusCode.Created);
        var other = await api.CreateSessionAsync($"Hostile bystander {generation}");
        var otherParticipant = await api.JoinAsync(other, "Bystander");
        var webhook = await Api.ReadAsync(await api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks",
            new { url = "https://203.0.113.9/hostile", events = new[] { "*" } }, session.AdminCode), HttpStatusCode.Created);
        return new HostileWorld(session, participant, leaver.Token, poll, draft, Guid.Parse(submitted["id"]!.GetValue<string>()), other, otherParticipant)
        {
            Webhook = Guid.Parse(webhook["id"]!.GetValue<string>()),
        };
    }

    /// <summary>A real value for a route parameter, by its name; null when the generator knows no such parameter.</summary>
    public string? RealValue(string parameter, Random random) => parameter.ToLowerInvariant() switch
    {
        "sessionid" => random.Next(5) == 0 ? Other.Id.ToString() : Session.Id.ToString(),
        "activityid" => random.Next(3) == 0 ? Draft.ToString() : ActivePoll.ToString(),
        "participantid" => random.Next(5) == 0 ? OtherParticipant.Id.ToString() : Participant.Id.ToString(),
        "responseid" => ResponseId.ToString(),
        "jobid" => new Guid(Bytes(random, 16)).ToString(),
        "webhookid" => random.Next(4) == 0 ? new Guid(Bytes(random, 16)).ToString() : Webhook.ToString(),
        "mediaid" => Convert.ToBase64String(Bytes(random, 16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), // the shape of a media id
        "code" => random.Next(2) == 0 ? Session.JoinCode : Session.AdminCode,
        "activitytype" => random.Pick(new[] { "poll", "word_cloud", "rating", "open_text", "quiz", "POLL" }),
        "documentname" => "v1",
        "timestamp" => random.Pick(new[] { "2020-01-01T00:00:00Z", "2999-12-31T23:59:59Z", "0", "1700000000" }),
        _ => null,
    };

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
