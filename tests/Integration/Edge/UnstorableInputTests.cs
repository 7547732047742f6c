using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Server.Infrastructure;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>
/// Input that cannot be stored (NUL, lone surrogates, invalid UTF-8, numbers beyond a double) is a 422
/// problem+json at the edge, over REST and over the hub, and changes nothing: each a finding of issue #13,
/// all of which were 500s or silently accepted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnstorableInputTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    /// <summary>The three ways a string cannot be stored, as JSON bytes: an escaped NUL, an escaped lone surrogate, raw CESU-8 surrogate bytes.</summary>
    public static TheoryData<string> BadStrings => ["\\u0000", "\\ud800", "CESU"];

    private static byte[] Body(string template, string bad)
    {
        var parts = template.Split("BAD");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(parts[0]));
        bytes.AddRange(bad == "CESU" ? [0x61, 0xED, 0xA0, 0x80, 0x62] : Encoding.UTF8.GetBytes("a" + bad + "b"));
        bytes.AddRange(Encoding.UTF8.GetBytes(parts[1]));
        return [.. bytes];
    }

    /// <summary>What the detail starts with: the field, or for raw CESU-8 bytes the body as a whole (checked before any field is read).</summary>
    private static string Named(string field, string bad) => bad == "CESU" ? "The request body is not valid UTF-8" : field + " ";

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, byte[] body, string? adminCode = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return await _api.Client.SendAsync(request);
    }

    private static async Task<string> Assert422Async(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        return problem["detail"]!.GetValue<string>();
    }

    [Theory]
    [MemberData(nameof(BadStrings))]
    public async Task SessionTitleOrDescription_Refused(string bad)
    {
        Assert.StartsWith(Named("title", bad), await Assert422Async(await SendRawAsync(HttpMethod.Post, "/api/v1/sessions/", Body("""{"title":"BAD"}""", bad))));
        Assert.StartsWith(Named("description", bad), await Assert422Async(await SendRawAsync(HttpMethod.Post, "/api/v1/sessions/", Body("""{"title":"ok","description":"BAD"}""", bad))));
    }

    [Theory]
    [MemberData(nameof(BadStrings))]
    public async Task ActivityFields_Refused_AndNothingChanges(string bad)
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/api/v1/sessions/{session.Id}/activities/framework";
        var before = await _api.LastSeqAsync(session.Id);

        string[] bodies =
        [
            """{"activity_type":"BAD","title":"t","configuration":{"question":"q","options":["A","B"]}}""",
            """{"activity_type":"poll","title":"BAD","configuration":{"question":"q","options":["A","B"]}}""",
            """{"activity_type":"poll","title":"t","description":"BAD","configuration":{"question":"q","options":["A","B"]}}""",
            """{"activity_type":"poll","title":"t","configuration":{"question":"BAD","options":["A","B"]}}""",
            """{"activity_type":"poll","title":"t","configuration":{"question":"q","options":["A","B"]},"activity_metadata":{"k":"BAD"}}""",
        ];
        string[] fields = ["activity_type", "title", "description", "configuration.question", "activity_metadata.k"];
        for (var i = 0; i < bodies.Length; i++)
            Assert.StartsWith(Named(fields[i], bad), await Assert422Async(await SendRawAsync(HttpMethod.Post, url, Body(bodies[i], bad), adminCode: session.AdminCode)));

        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Theory]
    [MemberData(nameof(BadStrings))]
    public async Task ResponseDataAndActivityContext_Refused(string bad)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        var before = await _api.LastSeqAsync(session.Id);

        var detail = await Assert422Async(await SendRawAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{poll}/responses",
            Body("""{"response_data":{"option_index":0,"note":"BAD"}}""", bad), token: alice.Token));
        Assert.StartsWith(Named("response_data.note", bad), detail);
        Assert.StartsWith(Named("activity_context.view", bad), await Assert422Async(await SendRawAsync(HttpMethod.Post, $"/api/v1/participants/{alice.Id}/heartbeat",
            Body("""{"activity_context":{"view":"BAD"}}""", bad), token: alice.Token)));

        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task InvalidUtf8InAnIgnoredProperty_IsRefused_NotAnEmptyUpdate()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        var before = await _api.LastSeqAsync(session.Id);

        await Assert422Async(await SendRawAsync(HttpMethod.Put, $"/api/v1/activities/{poll}", Body("""{"unknown":"BAD"}""", "CESU"), adminCode: session.AdminCode));
        await Assert422Async(await SendRawAsync(HttpMethod.Post, $"/api/v1/participants/{alice.Id}/heartbeat", Body("""{"unknown":"BAD"}""", "CESU"), token: alice.Token));
        var invalid = await Assert422Async(await SendRawAsync(HttpMethod.Put, $"/api/v1/activities/{poll}", [.. "{\"x\":\""u8, 0xFF, .. "\"}"u8], adminCode: session.AdminCode));
        Assert.Contains("not valid UTF-8", invalid);

        Assert.Equal(before, await _api.LastSeqAsync(session.Id)); // no activity.updated
    }

    [Theory]
    [InlineData("1e999999")]
    [InlineData("-1e999999")]
    [InlineData("digits")]
    public async Task HugeNumbersInResponseData_Refused(string number)
    {
        if (number == "digits") number = new string('9', 5000);
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        var before = await _api.LastSeqAsync(session.Id);

        var detail = await Assert422Async(await SendRawAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{poll}/responses",
            Encoding.UTF8.GetBytes("{\"response_data\":{\"option_index\":" + number + "}}"), token: alice.Token));

        Assert.StartsWith("response_data.option_index is a number", detail);
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task NulInAQueryValue_Refused()
    {
        var session = await _api.CreateSessionAsync();

        var detail = await Assert422Async(await _api.Client.GetAsync($"/api/v1/sessions/{session.Id}/nicknames/validate?nickname=a%00b"));

        Assert.StartsWith("nickname contains U+0000", detail);
    }

    [Fact]
    public async Task NulInTheIdempotencyKeyHeader_Refused()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        var before = await _api.LastSeqAsync(session.Id);

        // HttpClient will not send a NUL in a header; the test server takes one as a hostile client could send it to another host.
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = $"/api/v1/sessions/{session.Id}/activities/{poll}/responses";
            c.Request.Headers.Authorization = $"Bearer {alice.Token}";
            c.Request.Headers["Idempotency-Key"] = "k\0";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream("""{"response_data":{"option_index":0}}"""u8.ToArray());
        });

        Assert.Equal(422, context.Response.StatusCode);
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task EmojiNicknameAtTheLimit_JoinsTwice_WithoutCuttingASurrogatePair()
    {
        var session = await _api.CreateSessionAsync();
        var nickname = "a" + string.Concat(Enumerable.Repeat("😀", 24)) + "b"; // 26 text elements, 50 UTF-16 units

        Assert.Equal(HttpStatusCode.OK, (await _api.Client.GetAsync($"/api/v1/sessions/{session.Id}/nicknames/validate?nickname={Uri.EscapeDataString(nickname)}")).StatusCode);
        var first = await _api.JoinAsync(session, nickname);
        var second = await _api.JoinAsync(session, nickname);

        Assert.Equal(nickname, first.Nickname);
        Assert.EndsWith(" 2", second.Nickname);
        Assert.StartsWith("a😀😀", second.Nickname);
        Assert.Null(StorableText.Reason(second.Nickname));
    }

    [Fact]
    public async Task NicknameOverTheLimit_Is422_NamingItsLength()
    {
        var session = await _api.CreateSessionAsync();
        var nickname = string.Concat(Enumerable.Repeat("😀", 51));

        var validate = await _api.Client.GetAsync($"/api/v1/sessions/{session.Id}/nicknames/validate?nickname={Uri.EscapeDataString(nickname)}");
        var join = await _api.Client.PostAsync($"/api/v1/sessions/{session.Id}/join", new StringContent("{\"nickname\":\"" + nickname + "\"}", Encoding.UTF8, "application/json"));

        Assert.NotEqual(HttpStatusCode.InternalServerError, validate.StatusCode);
        Assert.Contains("at most 50 characters; it has 51", await Assert422Async(join));
    }

    [Fact]
    public async Task Hub_SubmitResponse_WithNul_Is422_BothProtocols_IdempotencyKeyIncluded()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var json = await factory.JoinedAsync(session.Id, alice.Token);
        await using var packed = await factory.JoinedAsync(session.Id, alice.Token, messagePack: true);
        var before = await _api.LastSeqAsync(session.Id);

        var nul = await HubTesting.RefusedAsync(422, () => json.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 0, ["note"] = "a\0b" }, "k-nul"));
        Assert.Contains("responseData.note contains U+0000", nul.Message);
        await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 0, ["note"] = "a\0b" }, "k-mp-nul"));
        var key = await HubTesting.RefusedAsync(422, () => json.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 0 }, "key\0"));
        Assert.Contains("idempotencyKey contains U+0000", key.Message);
        await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 0 }, "key\0"));

        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task Hub_MessagePackNonFiniteNumber_Is422(double value)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var packed = await factory.JoinedAsync(session.Id, alice.Token, messagePack: true);
        var before = await _api.LastSeqAsync(session.Id);

        var refused = await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = value }, "k-nan"));

        Assert.Contains("responseData.option_index is", refused.Message);
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    /// <summary>
    /// The .NET client writes a lone surrogate as U+FFFD, so an escaped one is sent in a raw JSON-protocol
    /// frame, as a hostile client would.
    /// </summary>
    [Fact]
    public async Task Hub_JsonFrameWithEscapedLoneSurrogate_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        var before = await _api.LastSeqAsync(session.Id);
        var socket = await factory.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(factory.Server.BaseAddress, $"hubs/session?access_token={Uri.EscapeDataString(alice.Token)}"), CancellationToken.None);

        await SendFrameAsync(socket, """{"protocol":"json","version":1}""");
        await SendFrameAsync(socket, """{"type":1,"invocationId":"2","target":"SubmitResponse","arguments":["POLL",{"option_index":0,"note":"a\ud800b"},"k-raw"]}""".Replace("POLL", poll.ToString()));
        var error = await ReadCompletionErrorAsync(socket, "2");

        Assert.Matches("(^|HubException: )422 Unprocessable: responseData.note contains an unpaired surrogate", error);
        await SendFrameAsync(socket, """{"type":1,"invocationId":"3","target":"SubmitResponse","arguments":["POLL",{"option_index":0},"k\ud800"]}""".Replace("POLL", poll.ToString()));
        Assert.Matches("(^|HubException: )(400|422) ", await ReadCompletionErrorAsync(socket, "3"));
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private static Task SendFrameAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads frames until the completion of <paramref name="invocationId"/>, and returns its error.</summary>
    private static async Task<string?> ReadCompletionErrorAsync(WebSocket socket, string invocationId)
    {
        var buffer = new byte[64 * 1024];
        var pending = "";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            pending += Encoding.UTF8.GetString(buffer, 0, read.Count);
            var frames = pending.Split('\u001e');
            pending = frames[^1]; // an unfinished frame waits for the rest
            foreach (var frame in frames[..^1])
            {
                var node = JsonNode.Parse(frame);
                if (node?["type"]?.GetValue<int>() == 3 && node["invocationId"]?.GetValue<string>() == invocationId)
                    return node["error"]?.GetValue<string>();
            }
        }
    }
}
