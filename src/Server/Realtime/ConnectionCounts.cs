using System.Diagnostics.Metrics;
using Conflicto.Server.Access;
using Microsoft.AspNetCore.Http.Connections;

namespace Conflicto.Server.Realtime;

/// <summary>
/// The <c>conflicto.hub.connections</c> gauge: this node's connections counted by transport and by
/// the role their joined session gave them. Every combination is reported, zeros included, so a
/// series that drops to 0 reads 0 instead of vanishing from the scrape.
/// </summary>
internal static class ConnectionCounts
{
    public const string None = "none", Unknown = "unknown";

    private static readonly string[] TransportNames = ["web_sockets", "server_sent_events", "long_polling"];
    private static readonly string[] RoleNames = [Roles.Host, Roles.Participant, Roles.Viewer, None];

    /// <summary>The transport's name as OpenTelemetry's SignalR conventions spell it (<c>signalr.transport</c>).</summary>
    public static string NameOf(HttpTransportType? transport) => transport switch
    {
        HttpTransportType.WebSockets => TransportNames[0],
        HttpTransportType.ServerSentEvents => TransportNames[1],
        HttpTransportType.LongPolling => TransportNames[2],
        _ => Unknown,
    };

    /// <summary>
    /// The role of each connection that follows a session on this node (its stream subscription's
    /// audience); the others count as <see cref="None"/>. The one rule for counting connections by
    /// role: the metrics' gauge and the health check's <c>connections</c> entry both use it.
    /// </summary>
    public static Dictionary<string, string> RolesOfJoined(SessionStreams? streams)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (streams is null) return roles;
        foreach (var stream in streams.Active)
            foreach (var subscriber in stream.Subscribers) roles[subscriber.Connection.ConnectionId] = subscriber.Audience.Role;
        return roles;
    }

    /// <summary>This node's connections by role (<c>host</c>, <c>participant</c>, <c>viewer</c>, <c>none</c>: not joined), zeros included.</summary>
    public static Dictionary<string, int> ByRole(IEnumerable<string> connectionIds, IReadOnlyDictionary<string, string> roles)
    {
        var counts = RoleNames.ToDictionary(role => role, _ => 0);
        foreach (var id in connectionIds)
        {
            var role = roles.GetValueOrDefault(id, None);
            counts[role] = counts.GetValueOrDefault(role) + 1;
        }
        return counts;
    }

    /// <param name="connections">Every connection with its transport.</param>
    /// <param name="roles">The role of each connection that follows a session; the others count as <c>none</c>.</param>
    public static IEnumerable<Measurement<long>> Measure(IEnumerable<(string ConnectionId, string Transport)> connections, IReadOnlyDictionary<string, string> roles)
    {
        var counts = new Dictionary<(string Transport, string Role), long>();
        foreach (var transport in TransportNames)
            foreach (var role in RoleNames) counts[(transport, role)] = 0;
        foreach (var (id, transport) in connections)
        {
            var key = (transport, roles.GetValueOrDefault(id, None));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("transport", c.Key.Transport), new KeyValuePair<string, object?>("role", c.Key.Role)));
    }
}
