using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>
/// An analysis never changes what the server accepts: known types are judged by their rules, and an
/// unknown type's inferred response_schema is advice for clients (any JSON object is accepted).
/// </summary>
public sealed class ResponseSchemaTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    private async Task<(Api.Participant Participant, Guid Activity)> AnalysedActiveAsync(string type, object configuration)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Rater");
        var id = await _api.CreateActiveActivityAsync(session, type, configuration);
        await _api.WaitForStatusAsync(id, "completed");
        return (participant, id);
    }

    [Theory]
    [InlineData("""{"value":9}""")]
    [InlineData("""{"value":0}""")]
    [InlineData("""{"value":"five"}""")]
    [InlineData("""{"stars":4}""")]
    [InlineData("""{}""")]
    public async Task Submit_InventedTypeAfterAnalysis_DataOutsideTheInferredSchema_IsStoredAnyway(string data)
    {
        var (participant, id) = await AnalysedActiveAsync("star_rating", new { min = 1, max = 5, prompt = "Rate" });
        var processing = await _api.ProcessingAsync(id);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, processing["schema_render"]!["response_schema"]!.GetValueKind());

        await Api.ReadAsync(await _api.SubmitAsync(participant, id, ProcessingTesting.Json(data)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Submit_InventedTypeAfterAnalysis_DataWithinTheSchema_IsStored()
    {
        var (participant, id) = await AnalysedActiveAsync("star_rating", new { min = 1, max = 5, prompt = "Rate" });

        var body = await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { value = 4 }), HttpStatusCode.Created);

        Assert.Equal(4, body["response_data"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_InventedFormTypeAfterAnalysis_AMissingRequiredFieldIsStillAccepted()
    {
        var (participant, id) = await AnalysedActiveAsync("feedback_form", new
        {
            fields = new object[] { new { name = "rating", type = "number", required = true }, new { name = "comment", type = "text" } },
        });
        var processing = await _api.ProcessingAsync(id);
        Assert.Equal("form", processing["schema_render"]!["participant"]!["widget"]!.GetValue<string>());

        await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { comment = "no rating" }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { rating = 3, comment = "ok" }), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("poll", """{"question":"Best?","options":["A","B","C"]}""", """{"option_index":2}""")]
    [InlineData("poll", """{"question":"Best?","options":["A","B","C"],"allow_multiple":true}""", """{"option_indices":[0,2]}""")]
    [InlineData("word_cloud", """{"prompt":"Word","max_words_per_participant":2}""", """{"words":["fast","calm"]}""")]
    [InlineData("qa", """{"topic":"Ask"}""", """{"question":"When do we ship?"}""")]
    [InlineData("planning_poker", """{"story":"Login","card_values":["1","2","3","5"]}""", """{"value":"3"}""")]
    public async Task Submit_KnownTypeAfterAnalysis_ValidResponse_IsStored(string type, string configuration, string data)
    {
        var (participant, id) = await AnalysedActiveAsync(type, ProcessingTesting.Json(configuration));

        await Api.ReadAsync(await _api.SubmitAsync(participant, id, ProcessingTesting.Json(data)), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("poll", """{"question":"Best?","options":["A","B"]}""", """{"option_index":2}""")]
    [InlineData("planning_poker", """{"story":"Login","card_values":["1","2","3"]}""", """{"value":"8"}""")]
    public async Task Submit_KnownTypeAfterAnalysis_InvalidResponse_Returns422(string type, string configuration, string data)
    {
        var (participant, id) = await AnalysedActiveAsync(type, ProcessingTesting.Json(configuration));

        await Api.ProblemAsync(await _api.SubmitAsync(participant, id, ProcessingTesting.Json(data)), HttpStatusCode.UnprocessableEntity);
    }
}
