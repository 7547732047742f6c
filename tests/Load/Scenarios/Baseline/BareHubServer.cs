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

/// <summary>
/// Broadcast(seq, padding) sends one event to every other connection and returns the seq, like
/// TransitionActivity. The event is <c>{ seq, type, data }</c> with <c>data</c> a string of
/// <c>padding</c> characters (one byte each in MessagePack and JSON), so that the bare hub can be
/// made to send deliveries as large as Conflicto's (the baseline's <c>--payload-bytes</c>).
/// </summary>
public sealed class BareHub : Hub
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Fillers = new();

    public async Task<long> Broadcast(long seq, int padding)
    {
        var data = Fillers.GetOrAdd(Math.Max(0, padding), n => new string('x', n));
        await Clients.Others.SendAsync("Event", new BareEvent { Seq = seq, Type = "bench", Data = data });
        return seq;
    }
}

[System.Runtime.Serialization.DataContract]
public sealed class BareEvent
{
    [System.Runtime.Serialization.DataMember(Name = "seq")] public long Seq { get; set; }
    [System.Runtime.Serialization.DataMember(Name = "type")] public string Type { get; set; } = "";
    [System.Runtime.Serialization.DataMember(Name = "data")] public string Data { get; set; } = "";
}
