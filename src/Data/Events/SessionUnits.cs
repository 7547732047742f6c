using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>
/// Where every change of a session starts: opens a <see cref="SessionTransaction"/> (the session
/// row locked) whose commit also delivers its events to the observers. Stores never notify by hand.
/// </summary>
public sealed class SessionUnits(NpgsqlDataSource dataSource, SessionEventNotifier notifier)
{
    /// <summary>Begins a unit of work on a session, or returns null when the session does not exist.</summary>
    internal Task<SessionTransaction?> BeginAsync(int sessionId, CancellationToken ct) =>
        SessionTransaction.BeginAsync(dataSource, notifier, sessionId, ct);

    /// <summary>Begins a unit of work on the session owning a row and reads the row under the lock (see <see cref="SessionTransaction"/>).</summary>
    internal Task<(SessionTransaction Tx, T Row)?> BeginForRowAsync<T>(string sessionOfRowSql, string rowSql, object parameters, CancellationToken ct) =>
        SessionTransaction.BeginForRowAsync<T>(dataSource, notifier, sessionOfRowSql, rowSql, parameters, ct);

    /// <summary>
    /// Commits a transaction that created a session (there was no row to lock before it) with its
    /// first event, then delivers that event like any other commit.
    /// </summary>
    internal async Task CommitCreatedAsync(NpgsqlTransaction transaction, SessionEvent created, CancellationToken ct)
    {
        await transaction.CommitAsync(ct);
        notifier.Notify([created]);
    }
}
