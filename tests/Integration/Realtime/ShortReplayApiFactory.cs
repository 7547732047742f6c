using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// The server with <c>Realtime:MaxReplayEvents = 10</c>, so a client only a little behind already
/// gets a fresh snapshot (<c>recovered: false</c>).
/// </summary>
public sealed class ShortReplayApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Realtime:MaxReplayEvents"] = "10",
})
{
    public const int MaxReplayEvents = 10;
}
