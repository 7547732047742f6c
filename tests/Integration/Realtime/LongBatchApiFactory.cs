using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// The server with <c>Realtime:BatchMs</c> at its maximum (10 minutes): anything a test sees
/// arrive within its bounded waits went out at once, not after a batch pause.
/// </summary>
public sealed class LongBatchApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Realtime:BatchMs"] = "600000",
});
