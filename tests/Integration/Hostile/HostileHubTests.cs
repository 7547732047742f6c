using System.Diagnostics;
using Conflicto.Server.Realtime.Binding;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// Issue #13 item 4 over the hub: generated hostile calls of every hub method (read from the hub
/// type, so new methods are attacked too), over JSON and MessagePack, from every kind of caller,
/// joined to a real session. Each is answered (a result, or a HubException "4xx …" without
/// internals), never "An unexpected error occurred", and a refused call changes nothing.
/// Raw protocol frames are in <see cref="HostileHubFrameTests"/>.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileHubTests(ConflictoApiFactory factory, ITestOutputHelper output)
{
    public const int CasesPerRun = 600;
    private const int CasesPerConnection = 25;

    private static readonly Credential[] Callers =
        [Credential.Host, Credential.Participant, Credential.None, Credential.OtherParticipant, Credential.OtherHost, Credential.Host, Credential.Participant];

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public void EveryHubMethod_HasGeneratorCoverage()
    {
        var hub = factory.Services.GetRequiredService<HubSignatures>();

        Assert.True(hub.Names.Count() >= 5, $"only {hub.Names.Count()} hub methods found");
        Assert.Empty(HubCaseGenerator.Uncovered(hub));
    }

    [Fact]
    public async Task EveryHubMethod_AnswersHostileCalls_With4xx_WithoutChanges()
    {
        var hub = factory.Services.GetRequiredService<HubSignatures>();
        var methods = hub.Names.Order(StringComparer.Ordinal).Select(n => hub.TryGet(n, out var s) ? s : null!).ToList();
        var state = new StateFingerprint(factory.ConnectionString);
        var tally = new HostileTally("Hub");
        var random = HostileRun.For("hub");
        var generation = 1000;
        var world = await HostileWorld.CreateAsync(_api, generation);
        var total = CasesPerRun * HostileRun.Scale;
        var clock = Stopwatch.StartNew();
        var number = 0;

        for (var batch = 0; number < total; batch++)
        {
            var messagePack = batch % 2 == 1;
            var caller = Callers[batch / 2 % Callers.Length];
            string? closed = null;
            await using var client = WebSocketClient(Token(caller, world), messagePack);
            client.Connection.Closed += e => { closed = e?.Message ?? "closed"; return Task.CompletedTask; };
            await client.StartAsync();
            await JoinAsync(client, caller, world);
            var (rebuild, spoiled) = (false, false);
            for (var i = 0; i < CasesPerConnection && number < total && !rebuild && !spoiled && closed is null; i++)
            {
                var method = methods[(number + batch) % methods.Count];
                var hostile = HubCaseGenerator.Make(++number, HubCaseGenerator.Kinds[(number / methods.Count + i) % HubCaseGenerator.Kinds.Length],
                    method, world, messagePack, caller, random);
                var before = await state.ReadAsync(world);
                var (status, error) = await InvokeAsync(client, hostile);
                tally.Count(hostile.Kind, status);
                var sent = hostile.Describe();
                if (status == 0)
                {
                    // The client library would not send it, but its JSON writer may have put the start of the frame on
                    // the wire before it failed: the next frame would follow those bytes, and the server rightly closes
                    // on the garbage. Go on with a fresh connection.
                    spoiled = true;
                    continue;
                }
                if (status == 200)
                {
                    if (hostile.MustBeRefused) tally.Fail($"{sent} → accepted input that cannot be stored");
                    rebuild = !await state.IntactAsync(world);
                    continue;
                }
                if (status == 499)
                {
                    spoiled = true; // closed: the client may hear of it only after the call has failed, so never reuse it
                    // The server closed the connection: only for a message larger than it reads. Otherwise the same call on
                    // a fresh connection must be answered (a close the call's content does not cause is noted, not failed).
                    if (HubOutcomes.CloseProblem(closed, sent) is { } closeProblem) tally.Fail($"{sent} → {closeProblem}: {closed}");
                    if (hostile.Kind == "huge") continue;
                    var (again, againError) = await RetryOnFreshConnectionAsync(hostile, world);
                    if (again is 499 or >= 500) tally.Fail($"{sent} → the server closed the connection, also on a fresh one: {closed ?? error} / {againError}");
                    else tally.Note($"{sent} → the server closed the connection ({closed ?? error}); on a fresh connection the same call was answered {again}");
                    continue;
                }
                if (HubOutcomes.Problem(error!, sent) is { } problem) tally.Fail($"{sent} → {problem}: {error}");
                var after = await state.ReadAsync(world);
                if (after != before) tally.Fail($"{sent} → refused ({error}) but changed {StateFingerprint.Difference(before, after)}");
            }
            if (rebuild) world = await HostileWorld.CreateAsync(_api, ++generation);
        }

        output.WriteLine($"{tally.Summary()}worlds built: {generation - 999}, {clock.Elapsed.TotalSeconds:F0} s");
        tally.Save("hostile-hub.md");
        Assert.True(tally.Failures == 0, tally.Report());
    }

    /// <summary>A client over a WebSocket of the test server (faster than long polling), the credential in the query as browsers send it.</summary>
    private SessionHubClient WebSocketClient(string? token, bool messagePack)
    {
        var server = factory.Server;
        var url = "http://localhost/hubs/session" + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token));
        var builder = new HubConnectionBuilder().WithUrl(url, HttpTransportType.WebSockets, options =>
        {
            options.SkipNegotiation = true;
            options.WebSocketFactory = async (context, ct) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
        });
        if (messagePack) builder.AddMessagePackProtocol();
        return new SessionHubClient(builder.Build());
    }

    private async Task<(int Status, string? Error)> RetryOnFreshConnectionAsync(HubCase hostile, HostileWorld world)
    {
        await using var fresh = WebSocketClient(Token(hostile.Credential, world), hostile.MessagePack);
        await fresh.StartAsync();
        return await InvokeAsync(fresh, hostile);
    }

    private static string? Token(Credential caller, HostileWorld world) => caller switch
    {
        Credential.Host => world.Session.AdminCode,
        Credential.OtherHost => world.Other.AdminCode,
        Credential.Participant => world.Participant.Token,
        Credential.OtherParticipant => world.OtherParticipant.Token,
        _ => null,
    };

    /// <summary>Joins as the caller would (a viewer with the join code); another session's caller is refused here and stays unjoined.</summary>
    private static async Task JoinAsync(SessionHubClient client, Credential caller, HostileWorld world)
    {
        try
        {
            await client.JoinAsync(world.Session.Id, joinCode: caller == Credential.None ? world.Session.JoinCode : null);
        }
        catch (HubException refused) when (caller is Credential.OtherHost or Credential.OtherParticipant && refused.Message.Contains("403 ", StringComparison.Ordinal))
        {
            // expected: right credential, wrong session
        }
    }

    /// <summary>200 answered, 4xx-ish refused (with the error), 499 connection closed, 0 the client would not send it.</summary>
    private static async Task<(int Status, string? Error)> InvokeAsync(SessionHubClient client, HubCase hostile)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await client.Connection.InvokeCoreAsync<object>(hostile.Method, hostile.Arguments, timeout.Token);
            return (200, null);
        }
        catch (HubException refused) when (!refused.Message.StartsWith("The server closed the connection", StringComparison.Ordinal))
        {
            return (Status(refused.Message), refused.Message);
        }
        catch (Exception ex) when (client.Connection.State == HubConnectionState.Connected && !timeout.IsCancellationRequested
            && (ex is System.Text.Json.JsonException or NotSupportedException or ArgumentException || ex.GetType().FullName!.StartsWith("MessagePack", StringComparison.Ordinal)))
        {
            return (0, ex.Message);
        }
        catch (Exception ex) when (client.Connection.State != HubConnectionState.Connected || ex.Message.StartsWith("The server closed the connection", StringComparison.Ordinal))
        {
            return (499, $"{ex.GetType().Name}: {ex.Message}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (504, "no answer within 20 s");
        }
    }

    private static int Status(string message)
    {
        var at = message.IndexOf("HubException: ", StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + 14)..] : message;
        return text.Length >= 3 && int.TryParse(text[..3], out var status) ? status : 500;
    }
}
