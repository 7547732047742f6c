using Conflicto.Load.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conflicto.Load.Scenarios.Baseline;

/// <summary>
/// The reference point: a bare SignalR hub (JSON + MessagePack, nothing else) that broadcasts
/// what the caller sends. Runs as `Conflicto.Load baseline-server PORT` in a child process,
/// pinned like our server, so the comparison is made on the same core in the same run.
/// </summary>
public static class BareHubServer
{
    public const string Path = "/hubs/bare";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR().AddMessagePackProtocol();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BareHub>(Path);
        await app.RunAsync();
        return 0;
    }
}

/// <summary>Broadcast(seq) sends one event to every other connection and returns the seq, like TransitionActivity.</summary>
public sealed class BareHub : Hub
{
    public async Task<long> Broadcast(long seq)
    {
        await Clients.Others.SendAsync("Event", new EventMessage { Seq = seq, Type = "bench" });
        return seq;
    }
}
