using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>
/// Whether an answer is valid never depends on whether the background analysis has run: the
/// analysis is held while the first answer is judged, then released, and the same answer is judged again.
/// </summary>
public sealed class AnalysisTimingTests(FailingAnalyzerFactory factory) : IClassFixture<FailingAnalyzerFactory>
{
    private readonly Api _api = factory.Api();

    [Theory]
    [InlineData("qna", """{"topic":"Ask"}""", """{"type":"question","question_text":"When do we ship?"}""", true)]
    [InlineData("qna", """{"topic":"Ask"}""", """{"type":"question","question_text":"   "}""", false)]
    [InlineData("qna", """{"topic":"Ask"}""", """{"text":"When do we ship?"}""", false)]
    [InlineData("star_rating", """{"min":1,"max":5,"prompt":"Rate"}""", """{"value":4}""", true)]
    [InlineData("star_rating", """{"min":1,"max":5,"prompt":"Rate"}""", """{"stars":"many"}""", true)]
    public async Task SameAnswer_BeforeAndAfterAnalysis_GetsTheSameVerdict(string type, string configuration, string data, bool accepted)
    {
        var session = await _api.CreateSessionAsync();
        var before = await _api.JoinAsync(session, "Before");
        var after = await _api.JoinAsync(session, "After");
        var title = $"timing {Guid.NewGuid()}";
        var expected = accepted ? HttpStatusCode.Created : HttpStatusCode.UnprocessableEntity;
        Guid id;
        HttpResponseMessage early;
        using (FailingAnalyzerFactory.Analyzer.Hold(title))
        {
            // A configuration of its own: an identical one would be answered from the analysis cache at once.
            var unique = ProcessingTesting.Json(configuration.Replace("{", $$"""{"run":"{{Guid.NewGuid()}}",""", StringComparison.Ordinal));
            id = await _api.CreateActiveActivityAsync(session, type, unique, title);
            early = await _api.SubmitAsync(before, id, ProcessingTesting.Json(data));
            Assert.NotEqual("completed", ProcessingTesting.Status(await _api.ProcessingAsync(id)));
        }

        var analysed = await _api.WaitForStatusAsync(id, "completed");
        Assert.NotNull(analysed["schema_render"]!["response_schema"]);
        var late = await _api.SubmitAsync(after, id, ProcessingTesting.Json(data));

        Assert.Equal(expected, early.StatusCode);
        Assert.Equal(expected, late.StatusCode);
    }
}
