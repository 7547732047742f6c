using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Polling;

/// <summary>
/// The server with polling answers kept for a minute unless an event drops them, so counting
/// database loads during a burst depends on invalidation alone, not on how fast the burst runs.
/// </summary>
public sealed class LongCacheApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Realtime:PollCacheMaxAgeMs"] = "60000",
});
