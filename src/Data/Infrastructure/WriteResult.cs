namespace Conflicto.Data.Infrastructure;

public enum WriteStatus
{
    Ok,
    NotFound,
    /// <summary>The change clashes with the current state (closed session, illegal transition...).</summary>
    Conflict,
    /// <summary>The write was checked against a version of its subject that has changed since: check again and resend.</summary>
    Stale,
    /// <summary>The writer's credential no longer holds: the participant left or was removed (the write came in flight).</summary>
    Revoked,
}

/// <summary>The domain outcome of a write; events are the ones it committed (empty when nothing changed).</summary>
public sealed record WriteResult<T>(WriteStatus Status, T? Value, string? Error, IReadOnlyList<Events.SessionEvent> Events)
{
    public static WriteResult<T> Ok(T value, IReadOnlyList<Events.SessionEvent> events) => new(WriteStatus.Ok, value, null, events);
    public static WriteResult<T> NotFound(string error) => new(WriteStatus.NotFound, default, error, []);
    public static WriteResult<T> Conflict(string error) => new(WriteStatus.Conflict, default, error, []);
    public static WriteResult<T> Stale(string error) => new(WriteStatus.Stale, default, error, []);
    public static WriteResult<T> Revoked(string error) => new(WriteStatus.Revoked, default, error, []);
}
