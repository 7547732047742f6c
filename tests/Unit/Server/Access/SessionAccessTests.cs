using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;

namespace Conflicto.Tests.Unit.Server.Access;

/// <summary>The one rule the hub's JoinSession and REST's event log follow.</summary>
public sealed class SessionAccessTests
{
    private const int SessionId = 7;
    private const int OtherSession = 8;
    private static readonly SessionRow Session = new() { Id = SessionId, JoinCode = "ABCDEFGH", AdminCode = "HJKMNP" };

    private int _loads;

    private Task<(Audience? Audience, Refusal? Refusal)> DecideAsync(Caller caller, string? joinCode, SessionRow? session = null) =>
        SessionAccess.AudienceForAsync(caller, SessionId, joinCode, _ =>
        {
            _loads++;
            return Task.FromResult<SessionRow?>(session ?? Session);
        }, CancellationToken.None);

    private static Caller Host(int sessionId) => new(sessionId, null, SentAdminCode: true, SentToken: false);

    private static Caller Participant(int participantId, int sessionId) => new(null, new ParticipantIdentity(participantId, sessionId, "P"), false, SentToken: true);

    [Fact]
    public async Task Host_IsHost_WithoutReadingTheSession()
    {
        var (audience, refusal) = await DecideAsync(Host(SessionId), joinCode: null);

        Assert.Equal(Audience.Host, audience);
        Assert.Null(refusal);
        Assert.Equal(0, _loads);
    }

    [Fact]
    public async Task Participant_IsThatParticipant_WithoutReadingTheSession()
    {
        var (audience, refusal) = await DecideAsync(Participant(42, SessionId), joinCode: "wrong");

        Assert.Equal(new Audience(Roles.Participant, 42), audience);
        Assert.Null(refusal);
        Assert.Equal(0, _loads);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ABCDEFGH")]
    public async Task ParticipantOfAnotherSession_IsForbidden_EvenWithTheRightJoinCode(string? joinCode)
    {
        var (audience, refusal) = await DecideAsync(Participant(42, OtherSession), joinCode);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    [Theory]
    [InlineData("ABCDEFGH")]
    [InlineData("abcdefgh")]
    [InlineData(" abcdEFGH ")]
    public async Task AnyoneWithTheJoinCode_IsAViewer(string joinCode)
    {
        var (audience, refusal) = await DecideAsync(Caller.Anonymous, joinCode);

        Assert.Equal(Audience.Viewer, audience);
        Assert.Null(refusal);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task HostOfAnotherSession_WithTheJoinCode_IsAViewer()
    {
        var (audience, _) = await DecideAsync(Host(OtherSession), "ABCDEFGH");

        Assert.Equal(Audience.Viewer, audience);
    }

    [Fact]
    public async Task HostOfAnotherSession_WithoutJoinCode_IsForbidden()
    {
        var (audience, refusal) = await DecideAsync(Host(OtherSession), joinCode: null);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    [Fact]
    public async Task AdminCodeThatResolvedToNobody_WithoutJoinCode_IsForbidden()
    {
        var (audience, refusal) = await DecideAsync(new Caller(null, null, SentAdminCode: true, SentToken: false), joinCode: null);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    /// <summary>An unknown or revoked token authenticates nobody: 401 as on every other route, join code or not.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("ABCDEFGH")]
    public async Task TokenThatResolvedToNobody_IsUnauthorized_EvenWithTheRightJoinCode(string? joinCode)
    {
        var (audience, refusal) = await DecideAsync(new Caller(null, null, SentAdminCode: false, SentToken: true), joinCode);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Unauthorized, refusal!.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task NoCredentialAtAll_IsUnauthorized_WithoutReadingTheSession(string? joinCode)
    {
        var (audience, refusal) = await DecideAsync(Caller.Anonymous, joinCode);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Unauthorized, refusal!.Kind);
        Assert.Equal(0, _loads);
    }

    [Theory]
    [InlineData("ABCDEFGJ")]
    [InlineData("nonsense")]
    [InlineData("HJKMNP")] // the admin code is not a join code
    public async Task WrongJoinCode_IsForbidden(string joinCode)
    {
        var (audience, refusal) = await DecideAsync(Caller.Anonymous, joinCode);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    [Fact]
    public async Task JoinCodeForASessionThatDoesNotExist_IsNotFound()
    {
        var (audience, refusal) = await SessionAccess.AudienceForAsync(
            Caller.Anonymous, SessionId, "ABCDEFGH", _ => Task.FromResult<SessionRow?>(null), CancellationToken.None);

        Assert.Null(audience);
        Assert.Equal(RefusalKind.NotFound, refusal!.Kind);
    }
}
