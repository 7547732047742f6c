using System.Text.Json;
using Conflicto.Data.Activities;

namespace Conflicto.Tests.Unit.Data.Activities;

public class ActivityTimersTests
{
    private static readonly DateTime ActivatedAt = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("""{"time_limit_seconds": 60}""", 60)]
    [InlineData("""{"duration_seconds": 90}""", 90)]
    [InlineData("""{"time_limit_seconds": 1}""", 1)]
    [InlineData("""{"time_limit_seconds": 30, "duration_seconds": 90}""", 30)]
    [InlineData("""{"time_limit_seconds": 0, "duration_seconds": 90}""", 90)]
    [InlineData("""{"time_limit_seconds": "60", "duration_seconds": 45}""", 45)]
    public void ExpiresAt_WithAPositiveLimit_IsThatLongAfterActivation(string config, int seconds)
    {
        Assert.Equal(ActivatedAt.AddSeconds(seconds), ActivityTimers.ExpiresAt(Json(config), ActivatedAt));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"time_limit_seconds": 0}""")]
    [InlineData("""{"time_limit_seconds": -5}""")]
    [InlineData("""{"time_limit_seconds": "60"}""")]
    [InlineData("""{"time_limit_seconds": 1.5}""")]
    [InlineData("""{"time_limit_seconds": 99999999999}""")]
    [InlineData("""{"time_limit_seconds": null}""")]
    [InlineData("""{"time_limit_seconds": true}""")]
    [InlineData("[60]")]
    [InlineData("60")]
    [InlineData("null")]
    public void ExpiresAt_WithoutAUsableLimit_IsNull(string config)
    {
        Assert.Null(ActivityTimers.ExpiresAt(Json(config), ActivatedAt));
    }

    [Fact]
    public void ExpiresAt_OfADefaultElement_IsNull()
    {
        Assert.Null(ActivityTimers.ExpiresAt(default, ActivatedAt));
    }

    [Theory]
    [InlineData("{}", """{"duration_seconds": 300}""", 300)]
    [InlineData("""{"time_limit_seconds": 60}""", """{"duration_seconds": 300}""", 60)]
    [InlineData("""{"time_limit_seconds": 600}""", """{"duration_seconds": 300}""", 300)]
    [InlineData("""{"time_limit_seconds": 60}""", """{"duration_seconds": null}""", 60)]
    [InlineData("""{"time_limit_seconds": 60}""", """{"duration_seconds": 0}""", 60)]
    public void ExpiresAt_WithMetadataDuration_TheShortestLimitWins(string config, string metadata, int seconds)
    {
        Assert.Equal(ActivatedAt.AddSeconds(seconds), ActivityTimers.ExpiresAt(Json(config), Json(metadata), ActivatedAt));
    }

    [Theory]
    [InlineData("""{"duration_seconds": null}""")]
    [InlineData("""{"duration_seconds": 0}""")]
    [InlineData("{}")]
    public void ExpiresAt_WithMetadataDurationOff_IsNull(string metadata)
    {
        Assert.Null(ActivityTimers.ExpiresAt(Json("{}"), Json(metadata), ActivatedAt));
    }
}
