using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.Http.Connections;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>The conflicto.hub.connections gauge: by transport and by the role of the joined session; zeros reported.</summary>
public sealed class ConnectionCountsTests
{
    [Fact]
    public void Measure_CountsByTransportAndRole_UnjoinedAsNone_AndReportsEveryCombination()
    {
        (string, string)[] connections = [("a", "web_sockets"), ("b", "web_sockets"), ("c", "long_polling"), ("d", "web_sockets"), ("e", "server_sent_events")];
        var roles = new Dictionary<string, string> { ["a"] = Roles.Host, ["b"] = Roles.Participant, ["c"] = Roles.Participant, ["x"] = Roles.Viewer };

        var counts = ConnectionCounts.Measure(connections, roles)
            .ToDictionary(m => ((string)m.Tags[0].Value!, (string)m.Tags[1].Value!), m => m.Value);

        Assert.Equal(12, counts.Count); // 3 transports × 4 roles, zeros included
        Assert.Equal(1, counts[("web_sockets", Roles.Host)]);
        Assert.Equal(1, counts[("web_sockets", Roles.Participant)]);
        Assert.Equal(1, counts[("web_sockets", ConnectionCounts.None)]);
        Assert.Equal(1, counts[("long_polling", Roles.Participant)]);
        Assert.Equal(1, counts[("server_sent_events", ConnectionCounts.None)]);
        Assert.Equal(0, counts[("web_sockets", Roles.Viewer)]); // "x" follows a stream but is not a connection of this node
        Assert.Equal(5, counts.Values.Sum());
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets, "web_sockets")]
    [InlineData(HttpTransportType.ServerSentEvents, "server_sent_events")]
    [InlineData(HttpTransportType.LongPolling, "long_polling")]
    [InlineData(null, "unknown")]
    public void NameOf_SpellsTransportsAsOpenTelemetrysSignalRConventions(HttpTransportType? transport, string name) =>
        Assert.Equal(name, ConnectionCounts.NameOf(transport));
}
