using System.Diagnostics;
using System.Text;
using Conflicto.Server.Realtime.Binding;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// Raw JSON-protocol frames at the hub (no client library in the way): arguments no serializer
/// writes (NUL, lone surrogates and invalid UTF-8 as raw bytes, 1e999999, NaN), duplicate keys,
/// wrong message shapes, broken JSON and oversized frames. A frame that is a call is answered with
/// a result or "4xx …"; a frame that is no hub message at all closes the connection, saying no
/// more than that. Nothing refused changes the database.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileHubFrameTests(ConflictoApiFactory factory, ITestOutputHelper output)
{
    public const int FramesPerRun = 350;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Credential[] Callers = [Credential.Host, Credential.Participant, Credential.None];

    [Fact]
    public async Task RawFrames_AreAnsweredWith4xx_OrClosed_WithoutInternalsOrChanges()
    {
        var hub = factory.Services.GetRequiredService<HubSignatures>();
        var methods = hub.Names.Order(StringComparer.Ordinal).Select(n => hub.TryGet(n, out var s) ? s : null!).ToList();
        var api = new Api(factory.CreateClient());
        var state = new StateFingerprint(factory.ConnectionString);
        var tally = new HostileTally("Hub frames");
        var random = HostileRun.For("hub-frames");
        var generation = 2000;
        var world = await HostileWorld.CreateAsync(api, generation);
        var total = FramesPerRun * HostileRun.Scale;
        var clock = Stopwatch.StartNew();
        var number = 0;
        var connections = 0;

        while (number < total)
        {
            var caller = Callers[connections++ % Callers.Length];
            await using var socket = await RawHubSocket.ConnectAsync(factory.Server, caller switch
            {
                Credential.Host => world.Session.AdminCode,
                Credential.Participant => world.Participant.Token,
                _ => null,
            });
            var join = $"{{\"type\":1,\"invocationId\":\"join\",\"target\":\"JoinSession\",\"arguments\":[{{\"sessionId\":{world.Session.Id},\"joinCode\":\"{world.Session.JoinCode}\"}}]}}\u001e";
            await socket.SendAsync(Encoding.UTF8.GetBytes(join));
            var joined = await socket.CompletionAsync("join", Patience);
            Assert.True(joined is { Completed: true, Error: null }, $"the raw socket could not join: {joined?.Raw ?? "no answer"}");

            var rebuild = false;
            while (number < total && !socket.Closed && !rebuild)
            {
                var method = methods[number % methods.Count];
                var frame = HubFrameGenerator.Make(++number, HubFrameGenerator.Kinds[number / methods.Count % HubFrameGenerator.Kinds.Length], method, world, random);
                var sent = frame.Describe();
                var before = await state.ReadAsync(world);
                await socket.SendAsync(frame.Bytes);
                var probe = frame.InvocationId ?? "probe" + number;
                if (frame.InvocationId is null)
                    await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{probe}\",\"target\":\"NoSuchMethod\",\"arguments\":[]}}\u001e"));
                var answer = await socket.CompletionAsync(probe, Patience);
                if (answer is null)
                {
                    tally.Count(frame.Kind, 504);
                    tally.Fail($"{sent} → no answer within {Patience.TotalSeconds} s (neither a completion nor a close)");
                    break;
                }
                var (completed, error, raw) = answer.Value;
                var status = !completed ? 499 : error is null ? 200 : Status(error);
                tally.Count(frame.Kind, status);

                if (!completed)
                {
                    if (!frame.MayClose) tally.Fail($"{sent} → the server closed the connection: {error ?? "(no close message)"}");
                    if (HubOutcomes.CloseProblem(error, sent) is { } closeProblem) tally.Fail($"{sent} → {closeProblem}: {error}");
                }
                else if (error is null)
                {
                    if (frame.MustBeRefused && frame.InvocationId is not null) tally.Fail($"{sent} → accepted input that cannot be stored: {raw}");
                    rebuild = !await state.IntactAsync(world);
                    continue;
                }
                else if (HubOutcomes.Problem(error, sent) is { } problem) tally.Fail($"{sent} → {problem}: {error}");
                if (frame.InvocationId is null && frame.Kind != "malformed") continue; // the frame itself may have been a call that succeeded
                var after = await state.ReadAsync(world);
                if (after != before) tally.Fail($"{sent} → refused ({error}) but changed {StateFingerprint.Difference(before, after)}");
            }
            if (rebuild) world = await HostileWorld.CreateAsync(api, ++generation);
        }

        output.WriteLine($"{tally.Summary()}connections: {connections}, worlds built: {generation - 1999}, {clock.Elapsed.TotalSeconds:F0} s");
        tally.Save("hostile-hub-frames.md");
        Assert.True(tally.Failures == 0, tally.Report());
    }

    private static int Status(string error)
    {
        var at = error.IndexOf("HubException: ", StringComparison.Ordinal);
        var text = at >= 0 ? error[(at + 14)..] : error;
        return text.Length >= 3 && int.TryParse(text[..3], out var status) ? status : 500;
    }
}
