using Conflicto.Data.Infrastructure;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

public class FrameworkDefaultsTests
{
    [Theory]
    [InlineData("poll", 300, false)]
    [InlineData("qna", 900, true)]
    [InlineData("word_cloud", 600, true)]
    public void MergeMetadata_FillsTheLegacyDefaultsPerType(string type, int duration, bool multipleResponses)
    {
        var merged = FrameworkDefaults.MergeMetadata(type, Json.Parse("""{"moderate_questions": true, "moderate_submissions": true, "show_live_results": false}"""), null);

        Assert.Equal(duration, merged.GetProperty("duration_seconds").GetInt32());
        Assert.Equal(multipleResponses, merged.GetProperty("allow_multiple_responses").GetBoolean());
        Assert.Equal(type, merged.GetProperty("activity_type").GetString());
        Assert.False(merged.GetProperty("show_live_results").GetBoolean());
        Assert.True(merged.GetProperty("requires_moderation").GetBoolean());
    }

    [Fact]
    public void MergeMetadata_TheHostsOwnKeysWin()
    {
        var merged = FrameworkDefaults.MergeMetadata("poll", Json.EmptyObject, Json.Parse("""{"duration_seconds": null, "room": "B12"}"""));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, merged.GetProperty("duration_seconds").ValueKind);
        Assert.Equal("B12", merged.GetProperty("room").GetString());
        Assert.Equal("poll", merged.GetProperty("activity_type").GetString());
    }

    [Fact]
    public void MergeMetadata_OfAnUnknownType_IsTheHostsOwn()
    {
        var merged = FrameworkDefaults.MergeMetadata("custom", Json.EmptyObject, Json.Parse("""{"a": 1}"""));

        Assert.Equal("""{"a":1}""", merged.GetRawText());
    }
}
