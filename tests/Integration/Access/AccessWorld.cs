using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;

namespace Conflicto.Tests.Integration.Access;

/// <summary>The six callers of the access matrix (docs/security.md, "Access matrix"), in the table's column order.</summary>
public enum Actor { Anonymous, Viewer, Participant, OtherParticipant, Host, OtherHost }

/// <summary>
/// The session a call is about, with what each actor holds for it. Most rows share the world's
/// session A; a row that destroys its target (deleting a session, a participant leaving) gets a
/// fresh one whose participant is the actor "participant".
/// </summary>
public sealed record Target(int SessionId, string AdminCode, string JoinCode, int ParticipantId, string ParticipantToken);

/// <summary>
/// One seeded world shared by every row of a test class (setting it up per row would make the
/// matrix slow): session A with its participant Pat, a response of Pat's to an open poll and a
/// question in an open Q&amp;A, a draft, a job, a quiz with its first question open; session B with its own participant, whose host and
/// participant are the "other" actors. Rows that change what they act on get fresh resources in A.
/// </summary>
public sealed class AccessWorld
{
    public static readonly object PollConfig = new { question = "Which?", options = new[] { "A", "B" } };

    private AccessWorld(Api api, string connectionString) => (Api, ConnectionString) = (api, connectionString);

    public string ConnectionString { get; }

    public Api Api { get; }
    public Api.Session A { get; private set; } = null!;
    public Api.Session B { get; private set; } = null!;
    public Api.Participant Pat { get; private set; } = null!;
    public Api.Participant Stranger { get; private set; } = null!;
    public Guid Poll { get; private set; }
    public Guid Qa { get; private set; }
    public Guid Draft { get; private set; }
    public Guid PatsVote { get; private set; }
    public Guid PatsQuestion { get; private set; }
    public Guid Job { get; private set; }

    /// <summary>An active quiz of A with its first question started, for the quiz rows.</summary>
    public Guid RunningQuiz { get; private set; }

    /// <summary>A quiz still in draft: its run is the host's alone, like every draft's content.</summary>
    public Guid DraftQuiz { get; private set; }

    /// <summary>An image uploaded by A's host (media routes).</summary>
    public string Image { get; private set; } = "";

    /// <summary>A webhook endpoint of A (webhook routes). Its address is a documentation one (TEST-NET-3): public, so registration accepts it; nothing answers there.</summary>
    public Guid Webhook { get; private set; }

    public static readonly object WebhookBody = new { url = "https://203.0.113.7/conflicto-matrix", events = new[] { "*" } };

    /// <summary>A participant of A who answers only anonymously: no route, event or snapshot may tie her to those answers.</summary>
    public Api.Participant Rhea { get; private set; } = null!;
    public const string RheasNickname = "Rhea Incognita";
    public const string RheasQuestionText = "Rhea secret question 7f3a"; // plain letters: ToJsonString escapes quotes and apostrophes
    public Guid AnonymousQa { get; private set; }
    public Guid AnonymousPoll { get; private set; }
    public Guid RheasQuestion { get; private set; }
    public Guid RheasVote { get; private set; }

    /// <summary>An anonymous quiz Rhea answered (rightly), now showing its leaderboard, which must list nobody.</summary>
    public Guid AnonymousQuiz { get; private set; }
    public Guid RheasQuizAnswer { get; private set; }

    public Target Default => new(A.Id, A.AdminCode, A.JoinCode, Pat.Id, Pat.Token);

    public static async Task<AccessWorld> CreateAsync(HttpClient client, string connectionString)
    {
        var world = new AccessWorld(new Api(client), connectionString);
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        A = await Api.CreateSessionAsync("Access matrix A");
        B = await Api.CreateSessionAsync("Access matrix B");
        Pat = await Api.JoinAsync(A, "Pat");
        Stranger = await Api.JoinAsync(B, "Stranger");
        Poll = await Api.CreateActiveActivityAsync(A, "poll", PollConfig, "Poll", keepOthersOpen: true);
        Qa = await Api.CreateActiveActivityAsync(A, "qa", new { topic = "Questions" }, "Q&A", keepOthersOpen: true);
        Draft = await Api.CreateActivityAsync(A, "poll", PollConfig, "Draft poll");
        PatsVote = await IdOfAsync(await Api.SubmitAsync(Pat, Poll, new { option_index = 0 }));
        PatsQuestion = await QuestionAsync(Pat, "Pat's question");
        Rhea = await Api.JoinAsync(A, RheasNickname);
        AnonymousQa = await Api.CreateActiveActivityAsync(A, "qa", new { topic = "Ask freely", allow_anonymous = true }, "Anonymous Q&A", keepOthersOpen: true);
        AnonymousPoll = await Api.CreateActiveActivityAsync(A, "poll", new { question = "Secret?", options = new[] { "A", "B" }, anonymous_voting = true }, "Anonymous poll", keepOthersOpen: true);
        RheasQuestion = await IdOfAsync(await Api.SubmitAsync(Rhea, AnonymousQa, new { question = RheasQuestionText }));
        RheasVote = await IdOfAsync(await Api.SubmitAsync(Rhea, AnonymousPoll, new { option_index = 1 }));
        RunningQuiz = await Api.CreateActiveActivityAsync(A, "quiz", QuizTesting.Configuration(), "Quiz", keepOthersOpen: true);
        await Api.ActAsync(A, RunningQuiz, "start");
        DraftQuiz = await Api.CreateActivityAsync(A, "quiz", QuizTesting.Configuration(), "Draft quiz");
        Image = await FreshImageAsync();
        Webhook = await FreshWebhookAsync();
        AnonymousQuiz = await Api.CreateActiveActivityAsync(A, "quiz", QuizTesting.Configuration(anonymous: true), "Anonymous quiz", keepOthersOpen: true);
        await Api.ActAsync(A, AnonymousQuiz, "start");
        RheasQuizAnswer = await IdOfAsync(await Api.SubmitAsync(Rhea, AnonymousQuiz, new { question_index = 0, option_index = 1 }));
        await Api.ActAsync(A, AnonymousQuiz, "reveal");
        await Api.ActAsync(A, AnonymousQuiz, "leaderboard");
        var jobs = await Api.GetJsonAsync("/api/v1/jobs", adminCode: A.AdminCode);
        Job = Guid.Parse(jobs["jobs"]!.AsArray()[0]!["id"]!.GetValue<string>());
    }

    /// <summary>A new question of <paramref name="participant"/> in the open Q&amp;A (a multi-answer activity: every call is a new response).</summary>
    public async Task<Guid> QuestionAsync(Api.Participant participant, string text) =>
        await IdOfAsync(await Api.SubmitAsync(participant, Qa, new { question = text }));

    /// <summary>A new draft activity in A, for rows that change or delete the activity they name.</summary>
    public Task<Guid> FreshActivityAsync() => Api.CreateActivityAsync(A, "poll", PollConfig, "Fresh");

    /// <summary>A new active quiz in A, still in its lobby, for rows that run it.</summary>
    /// <summary>A small PNG as an upload body (a new one per request: content is sent once).</summary>
    public static HttpContent ImageUpload()
    {
        var content = new ByteArrayContent(Media.TestImages.Png(8, 8));
        content.Headers.ContentType = new("image/png");
        return content;
    }

    public async Task<string> FreshImageAsync()
    {
        var created = await Api.ReadAsync(await Api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{A.Id}/media", ImageUpload(), A.AdminCode), System.Net.HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    public async Task<Guid> FreshWebhookAsync()
    {
        var created = await Api.ReadAsync(await Api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{A.Id}/webhooks", WebhookBody, A.AdminCode), System.Net.HttpStatusCode.Created);
        return Guid.Parse(created["id"]!.GetValue<string>());
    }

    public Task<Guid> FreshQuizAsync() => Api.CreateActiveActivityAsync(A, "quiz", QuizTesting.Configuration(), "Fresh quiz", keepOthersOpen: true);

    /// <summary>A new participant of A, for rows that end the participant they name.</summary>
    public async Task<Target> FreshParticipantAsync()
    {
        var fresh = await Api.JoinAsync(A, $"Fresh {Guid.NewGuid():N}"[..12]);
        return Default with { ParticipantId = fresh.Id, ParticipantToken = fresh.Token };
    }

    /// <summary>A new session with a participant of its own, for rows that delete the session.</summary>
    public async Task<Target> FreshSessionAsync()
    {
        var session = await Api.CreateSessionAsync("Doomed");
        var participant = await Api.JoinAsync(session, "Doomed");
        return new Target(session.Id, session.AdminCode, session.JoinCode, participant.Id, participant.Token);
    }

    /// <summary>What <paramref name="actor"/> sends about <paramref name="target"/>: an admin code, a participant token, a join code (viewers), or nothing.</summary>
    public (string? AdminCode, string? Token, string? JoinCode) CredentialsOf(Actor actor, Target target) => actor switch
    {
        Actor.Viewer => (null, null, target.JoinCode),
        Actor.Participant => (null, target.ParticipantToken, null),
        Actor.OtherParticipant => (null, Stranger.Token, null),
        Actor.Host => (target.AdminCode, null, null),
        Actor.OtherHost => (B.AdminCode, null, null),
        _ => (null, null, null),
    };

    public static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"setting up the world: {(int)response.StatusCode} {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }
}
