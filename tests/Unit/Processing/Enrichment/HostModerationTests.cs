using Conflicto.Processing.Enrichment;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Enrichment;

public class HostModerationTests
{
    [Theory]
    [InlineData("{}", "reject", null, true)]
    [InlineData("{}", "approve", "flag", false)]
    [InlineData("{}", null, "flag", false)]
    [InlineData("""{"moderation": true}""", null, "flag", true)]
    [InlineData("""{"moderate_questions": true}""", null, "flag", true)]
    [InlineData("""{"moderate_submissions": true}""", null, "flag", true)]
    [InlineData("""{"moderation": true}""", "approve", "flag", false)]
    [InlineData("""{"moderation": true}""", null, null, false)]
    public void IsHidden_HostDecisionAlwaysCounts_VerdictOnlyWhenModerated(string config, string? decision, string? verdict, bool hidden)
    {
        var response = Response("""{"word": "x"}""") with { ModerationOverride = decision, ModerationVerdict = verdict };

        Assert.Equal(hidden, Moderation.IsHidden(Activity("word_cloud", config).Configuration, response));
    }
}
