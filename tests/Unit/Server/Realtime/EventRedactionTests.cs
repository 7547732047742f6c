using Conflicto.Server.Access;
using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Server.Realtime;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>What each role sees of an event: drafts and their processing results are the host's, authors are hidden from others.</summary>
public sealed class EventRedactionTests
{
    private static readonly Guid Activity = Guid.NewGuid();
    private static readonly Audience[] Others = [Audience.Viewer, new(Roles.Participant, 7)];

    private static SessionEvent Processing(string? state)
    {
        var data = new Dictionary<string, object?>
        {
            ["kind"] = "activity_analysis", ["subject_id"] = Activity, ["activity_id"] = Activity, ["job_id"] = Guid.NewGuid(),
            ["processing_status"] = "completed", ["attempts"] = 1, ["error"] = null,
            ["result"] = new { participant = new { widget = "multiple_choice", options = new[] { "The secret answer" } } },
            ["processed_at"] = DateTime.UtcNow,
        };
        if (state is not null) data["state"] = state;
        return new SessionEvent(1, 5, EventTypes.ActivityProcessing, DateTime.UtcNow, Conflicto.Data.Infrastructure.Json.ToElement(data));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData(null)] // stored before events recorded the state: hidden, to be safe
    public void Redact_ProcessingOfADraftOrOfUnknownState_IsAStubForAllButTheHost(string? state)
    {
        var e = Processing(state);

        Assert.Contains("The secret answer", EventRedaction.Redact(e, Audience.Host).GetRawText());
        foreach (var audience in Others)
        {
            var seen = EventRedaction.Redact(e, audience);
            Assert.Equal(["activity_id", "kind", "redacted", "state", "subject_id"], seen.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(Activity, seen.GetProperty("activity_id").GetGuid());
            Assert.True(seen.GetProperty("redacted").GetBoolean());
            Assert.DoesNotContain("The secret answer", seen.GetRawText());
        }
    }

    [Theory]
    [InlineData("published")]
    [InlineData("active")]
    [InlineData("expired")]
    public void Redact_ProcessingOfAPublicActivity_IsWholeForEveryone(string state)
    {
        var e = Processing(state);

        foreach (var audience in Others.Append(Audience.Host))
            Assert.Equal(e.Data.GetRawText(), EventRedaction.Redact(e, audience).GetRawText());
    }

    private static SessionEvent Response(bool anonymous) => new(1, 6, EventTypes.ResponseAdded, DateTime.UtcNow, Conflicto.Data.Infrastructure.Json.ToElement(new
    {
        id = Guid.NewGuid(), activity_id = Activity, participant_id = 7, anonymous, response_data = new { option_index = 2 },
    }));

    private static int? AuthorSeenBy(SessionEvent e, Audience audience) =>
        EventRedaction.Redact(e, audience).GetProperty("participant_id") is { ValueKind: JsonValueKind.Number } id ? id.GetInt32() : null;

    [Fact]
    public void Redact_NamedResponse_HostAndViewerSeeTheAuthor_OtherParticipantsDoNot_TheAuthorDoes()
    {
        var e = Response(anonymous: false);

        Assert.Equal(7, AuthorSeenBy(e, Audience.Host));
        Assert.Equal(7, AuthorSeenBy(e, Audience.Viewer));
        Assert.Equal(7, AuthorSeenBy(e, new Audience(Roles.Participant, 7)));
        Assert.Null(AuthorSeenBy(e, new Audience(Roles.Participant, 8)));
        Assert.Equal(2, EventRedaction.Redact(e, new Audience(Roles.Participant, 8)).GetProperty("response_data").GetProperty("option_index").GetInt32());
    }

    [Fact]
    public void Redact_AnonymousResponse_OnlyTheAuthorSeesItself()
    {
        var e = Response(anonymous: true);

        Assert.Null(AuthorSeenBy(e, Audience.Host));
        Assert.Null(AuthorSeenBy(e, Audience.Viewer));
        Assert.Null(AuthorSeenBy(e, new Audience(Roles.Participant, 8)));
        Assert.Equal(7, AuthorSeenBy(e, new Audience(Roles.Participant, 7)));
        Assert.Equal("own", EventRedaction.VariantOf(e, new Audience(Roles.Participant, 7)));
        Assert.Equal(EventRedaction.VariantOf(e, new Audience(Roles.Participant, 8)), EventRedaction.VariantOf(e, new Audience(Roles.Participant, 9)));
    }
}
