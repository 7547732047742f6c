using System.Text.Json;
using Conflicto.Data.Activities;

namespace Conflicto.Tests.Unit.Data.Activities;

public class AnonymityTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("""{"anonymous_voting": true}""")]
    [InlineData("""{"allow_anonymous": true}""")]
    [InlineData("""{"anonymous": true}""")]
    [InlineData("""{"anonymous_voting": false, "allow_anonymous": true}""")]
    public void IsAnonymous_WithATrueFlag_IsTrue(string config)
    {
        Assert.True(Anonymity.IsAnonymous(Json(config)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"anonymous_voting": false}""")]
    [InlineData("""{"anonymous_voting": "true"}""")]
    [InlineData("""{"allow_anonymous": 1}""")]
    [InlineData("""{"anonymous": null}""")]
    [InlineData("""{"settings": {"anonymous_voting": true}}""")]
    [InlineData("""[{"anonymous_voting": true}]""")]
    [InlineData("true")]
    [InlineData("null")]
    public void IsAnonymous_WithoutATrueTopLevelFlag_IsFalse(string config)
    {
        Assert.False(Anonymity.IsAnonymous(Json(config)));
    }

    [Fact]
    public void IsAnonymous_OfADefaultElement_IsFalse()
    {
        Assert.False(Anonymity.IsAnonymous(default));
    }

    [Theory]
    [InlineData("""{"anonymous_voting": true}""", """{"option_index": 0}""", true)]
    [InlineData("""{"topic": "T"}""", """{"type": "question", "question_text": "Why?", "anonymous": true}""", true)]
    [InlineData("""{"topic": "T"}""", """{"type": "question", "question_text": "Why?", "anonymous": false}""", false)]
    [InlineData("""{"topic": "T"}""", """{"meta": {"anonymous": true}}""", false)]
    [InlineData("""{"topic": "T"}""", """["anonymous"]""", false)]
    public void IsAnonymous_OfAResponse_HonoursTheActivityAndTheResponsesOwnFlag(string config, string data, bool expected)
    {
        Assert.Equal(expected, Anonymity.IsAnonymous(Json(config), Json(data)));
    }
}
