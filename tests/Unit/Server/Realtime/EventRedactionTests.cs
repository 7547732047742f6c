using Conflicto.Server.Access;
using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Server.Realtime;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>activity.processing events carry a draft's schema_render: only the host may see it.</summary>
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
}
