using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>
/// Images in an activity's configuration (image_url, background_image_url, option_images) are this
/// server's media paths and nothing else: another URL is a 422 on every route that takes a
/// configuration; a quiz question's image_url is an https URL or a media path.
/// </summary>
public sealed class MediaReferenceTests(MediaApiFactory factory) : IClassFixture<MediaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task UploadedImages_AreAccepted_InEveryImageKey()
    {
        var session = await _api.CreateSessionAsync();
        var url = await UploadAsync(session);
        var id = await _api.CreateActivityAsync(session, "poll", new
        {
            question = "Which?", options = new[] { "A", "B" },
            image_url = url, image_alt = "a gradient", background_image_url = url, option_images = new[] { url, null },
        });
        var stored = await _api.GetJsonAsync($"/api/v1/activities/{id}", adminCode: session.AdminCode);
        Assert.Contains(url, stored.ToJsonString());
    }

    public static TheoryData<string, string> Foreign => new()
    {
        { "image_url", "https://tracker.example/pixel.png" },
        { "image_url", "http://tracker.example/pixel.png" },
        { "image_url", "//tracker.example/pixel.png" },
        { "image_url", "javascript:alert(1)" },
        { "image_url", "/api/v1/media/../../sessions/1" },
        { "background_image_url", "https://tracker.example/bg.jpg" },
        { "option_images", "https://tracker.example/a.png" },
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task AnyOtherUrl_Is422_OnCreate_LegacyCreate_Update_AndValidate(string key, string value)
    {
        var session = await _api.CreateSessionAsync();
        var configuration = new JsonObject { ["question"] = "Which?", ["options"] = new JsonArray("A", "B") };
        configuration[key] = key == "option_images" ? new JsonArray(null, value) : value;

        var created = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = "poll", title = "Poll", configuration }, adminCode: session.AdminCode);
        var problem = await Api.ProblemAsync(created, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(key, problem.ToJsonString());

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities",
            new { type = "poll", config = configuration }, adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);

        var existing = await _api.CreateActivityAsync(session, "poll", new { question = "Which?", options = new[] { "A", "B" } });
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{existing}",
            new { config = configuration }, adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);

        var check = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, "/api/v1/activities/validate",
            new { activity_type = "poll", configuration }), HttpStatusCode.OK);
        Assert.False(check["valid"]!.GetValue<bool>());

        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: session.AdminCode);
        Assert.DoesNotContain("tracker.example", list.ToJsonString());
        Assert.DoesNotContain("javascript:", list.ToJsonString());
    }

    [Theory]
    [InlineData("https://images.example/q.png", HttpStatusCode.Created)]
    [InlineData("media", HttpStatusCode.Created)]
    [InlineData("http://images.example/q.png", HttpStatusCode.UnprocessableEntity)]
    public async Task QuizQuestionImage_IsAnHttpsUrlOrAnUploadedImage(string image, HttpStatusCode expected)
    {
        var session = await _api.CreateSessionAsync();
        var url = image == "media" ? await UploadAsync(session) : image;
        var configuration = new
        {
            questions = new object[]
            {
                new { text = "Capital of France?", image_url = url, options = new object[] { new { text = "Lyon" }, new { text = "Paris", correct = true } } },
            },
        };
        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = "quiz", title = "Quiz", configuration }, adminCode: session.AdminCode);
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<string> UploadAsync(Api.Session session) =>
        (await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(10, 10), adminCode: session.AdminCode), HttpStatusCode.Created))["url"]!.GetValue<string>();
}
