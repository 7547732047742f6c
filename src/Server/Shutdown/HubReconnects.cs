using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Shutdown;

/// <summary>
/// Moves this node's hub clients elsewhere when it drains: each connection gets
/// <see cref="ISessionClient.Reconnect"/>, in the waves of the <see cref="DrainPlan"/>; the web
/// client then connects again at once (through the load balancer, to another node) and resumes
/// from its last seq. Connections still open after the plan's grace are closed.
/// Why a message and not just a close: <see cref="HubConnectionContext.Abort"/> sends a
/// CloseMessage with <c>allowReconnect: false</c>, which tells the official clients NOT to
/// reconnect, and SignalR's own shutdown closes every socket in the same instant. The message
/// lets clients leave at a pace the plan sets, and says why.
/// </summary>
public sealed class HubReconnects(LocalConnections local, TimeProvider clock, ILogger<HubReconnects> logger)
{
    private static readonly ReconnectNotice Notice = new("draining", "This server is shutting down: connect again to continue.");
    private static readonly SerializedHubMessage Message = new(new InvocationMessage(nameof(ISessionClient.Reconnect), [Notice]));

    public int Count => local.Count;

    /// <summary>Tells every connection to reconnect, waits for them to leave, closes the rest. Returns (told, closed).</summary>
    public async Task<(int Told, int Closed)> MoveAsync(DrainPlan plan)
    {
        var connections = local.All();
        var told = 0;
        foreach (var (size, wave) in plan.Waves.Select((size, wave) => (size, wave)))
        {
            if (wave > 0) await Task.Delay(DrainPlan.WaveInterval, clock);
            foreach (var connection in connections.Skip(told).Take(size)) _ = TellAsync(connection);
            told += size;
        }
        logger.LogInformation("Draining: {Count} connections told to reconnect", told);

        var deadline = clock.GetTimestamp();
        while (local.Count > 0 && clock.GetElapsedTime(deadline) < plan.LeaveGrace) await Task.Delay(TimeSpan.FromMilliseconds(50), clock);
        var left = local.All();
        foreach (var connection in left) connection.Abort();
        if (left.Count > 0) logger.LogInformation("Draining: {Count} connections had not left and were closed", left.Count);
        return (told, left.Count);
    }

    private async Task TellAsync(HubConnectionContext connection)
    {
        try
        {
            await connection.WriteAsync(Message);
        }
        catch (Exception ex)
        {
            // A connection that cannot be written to is gone already; the close below covers it.
            logger.LogDebug(ex, "Could not tell connection {ConnectionId} to reconnect", connection.ConnectionId);
        }
    }
}
