namespace Conflicto.Server.Realtime;

/// <summary>The hub stream protocols a client may ask for in <c>JoinSession</c> (docs/realtime.md).</summary>
public static class StreamVersions
{
    /// <summary>One <c>Event</c> message per event, the whole log for every role (redacted), full payloads.</summary>
    public const int V1 = 1;

    /// <summary>Audience streams: <c>Events</c> batches, filtered per role, chained by <c>prevSeq</c>, slim state changes.</summary>
    public const int V2 = 2;

    public static bool IsKnown(int version) => version is V1 or V2;
}
