using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Analysis;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Protocol;
using Xunit.Abstractions;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>
/// Bytes per delivery of a typical state change (a 4-option poll with its rule-based
/// <c>schema_render</c> opening), as the MessagePack and JSON hub protocols write them: v1's whole
/// activity against v2's slim one. The figures are in docs/realtime.md ("Slim payloads").
/// </summary>
public sealed class PayloadSizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task V2StateChange_IsAFractionOfV1_OnBothProtocols()
    {
        var configuration = Json.ToElement(new { question = "Which talk did you like best?", options = new[] { "Opening keynote", "Scaling Postgres", "SignalR in practice", "Closing panel" } });
        var render = await new RuleBasedAnalyzer().AnalyzeAsync(new ActivityAnalysisInput("poll", "Favourite talk", configuration), CancellationToken.None);
        var row = new ActivityRow
        {
            Id = Guid.NewGuid(), SessionId = 42, ActivityType = "poll", Title = "Favourite talk", Description = "Vote for the talk you enjoyed most.",
            Configuration = configuration, ActivityMetadata = Json.ToElement(new { }), Status = "active", State = ActivityStates.Active,
            OrderIndex = 2, StartedAt = DateTime.UtcNow, ProcessingStatus = "completed", SchemaRender = Json.ToElement(render),
            ProcessedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        var e = new SessionEvent(42, 120, EventTypes.ActivityStateChanged, DateTime.UtcNow, Json.ToElement(ActivityStore.StateChangedPayload(row, ActivityStates.Published)));
        var participant = new Audience(Roles.Participant, 7);
        var v1 = new InvocationMessage(nameof(ISessionClient.Event), [Envelopes.For(e, participant, 119, StreamVersions.V1)]);
        var v2 = new InvocationMessage(nameof(ISessionClient.Events), [new[] { Envelopes.For(e, participant, 119, StreamVersions.V2) }]);

        foreach (var protocol in new IHubProtocol[] { new MessagePackHubProtocol(), JsonProtocol() })
        {
            var before = protocol.GetMessageBytes(v1).Length;
            var after = protocol.GetMessageBytes(v2).Length;
            output.WriteLine($"{protocol.Name}: v1 {before} bytes, v2 {after} bytes ({100.0 * after / before:F0} %)");
            Assert.True(after * 2 < before, $"{protocol.Name}: v2 {after} bytes is not under half of v1's {before}");
        }
    }

    private static JsonHubProtocol JsonProtocol() => new(Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions
    {
        PayloadSerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase },
    }));
}
