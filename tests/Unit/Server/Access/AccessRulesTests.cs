using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Server.Access;

namespace Conflicto.Tests.Unit.Server.Access;

/// <summary>
/// The one refusal rule (docs/security.md, "Access matrix"): nobody is 401, somebody who may not
/// is 403, and a code that does not open the session is 403 whether it opens another one or none.
/// </summary>
public sealed class AccessRulesTests
{
    private static readonly Caller Nobody = Caller.Anonymous;
    private static readonly Caller RevokedToken = new(null, null, false, SentToken: true);
    private static readonly Caller UnknownAdminCode = new(null, null, SentAdminCode: true, false);
    private static readonly Caller OtherHost = new(2, null, SentAdminCode: true, false);
    private static readonly Caller OtherParticipant = new(null, new ParticipantIdentity(9, 2, "Stranger"), false, SentToken: true);
    private static readonly Caller RevokedTokenAndUnknownCode = new(null, null, SentAdminCode: true, SentToken: true);

    public static TheoryData<string, Need, RefusalKind> Cases() => new()
    {
        { nameof(Nobody), Need.Host, RefusalKind.Unauthorized },
        { nameof(Nobody), Need.Participant, RefusalKind.Unauthorized },
        { nameof(Nobody), Need.SelfOrHost, RefusalKind.Unauthorized },
        { nameof(RevokedToken), Need.Host, RefusalKind.Unauthorized },
        { nameof(RevokedToken), Need.Self, RefusalKind.Unauthorized },
        { nameof(RevokedTokenAndUnknownCode), Need.Host, RefusalKind.Unauthorized },
        { nameof(UnknownAdminCode), Need.Host, RefusalKind.Forbidden },
        { nameof(UnknownAdminCode), Need.Participant, RefusalKind.Forbidden },
        { nameof(OtherHost), Need.Host, RefusalKind.Forbidden },
        { nameof(OtherHost), Need.Self, RefusalKind.Forbidden },
        { nameof(OtherParticipant), Need.Host, RefusalKind.Forbidden },
        { nameof(OtherParticipant), Need.Participant, RefusalKind.Forbidden },
        { nameof(OtherParticipant), Need.SelfOrHost, RefusalKind.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deny_AnswersNobody401_AndSomebodyOrAWrongCode403(string caller, Need need, RefusalKind expected)
    {
        var who = caller switch
        {
            nameof(Nobody) => Nobody,
            nameof(RevokedToken) => RevokedToken,
            nameof(UnknownAdminCode) => UnknownAdminCode,
            nameof(OtherHost) => OtherHost,
            nameof(OtherParticipant) => OtherParticipant,
            _ => RevokedTokenAndUnknownCode,
        };

        Assert.Equal(expected, AccessRules.Deny(who, need).Kind);
    }

    [Fact]
    public void AParticipantOnAHostsAction_Is403_NotTheOld401()
    {
        var pat = new Caller(null, new ParticipantIdentity(1, 1, "Pat"), false, SentToken: true);

        Assert.Equal(403, AccessRules.Host(pat, 1)?.ProblemDetails.Status);
        Assert.Null(AccessRules.Host(new Caller(1, null, true, false), 1));
    }
}
