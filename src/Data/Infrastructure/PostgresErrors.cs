using System.Net.Sockets;
using Npgsql;

namespace Conflicto.Data.Infrastructure;

public static class PostgresErrors
{
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == constraint;

    /// <summary>
    /// The one answer to "is this failure the database being unreachable?", asked by the REST
    /// exception handler (503), the hub filter (503), response ingest and the background loops
    /// (back off, log once). Yes for: a connection that could not be opened or broke (socket and
    /// stream errors, which Npgsql marks transient), a timeout opening one, an exhausted pool
    /// (Npgsql's TimeoutException inside), and a server that refuses work because it is shutting
    /// down, starting up or out of connection slots. No for everything the database said about
    /// the statement itself (constraint violations, syntax, serialization failures): those are
    /// answers, not an outage.
    /// </summary>
    public static bool IsDatabaseUnreachable(this Exception exception, out string reason)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions: [var only] }) { e = only; }
            switch (e)
            {
                case PostgresException pg when IsUnavailableState(pg.SqlState):
                    reason = $"{pg.SqlState}: {pg.MessageText}";
                    return true;
                case PostgresException:
                    reason = "";
                    return false;
                case NpgsqlException { IsTransient: true } npgsql:
                    reason = Describe(npgsql);
                    return true;
            }
        }
        reason = "";
        return false;
    }

    /// <summary>Class 08 (connection exception), 57P01-03 (shutdown, crash, starting up), 53300 (too many connections).</summary>
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    /// <summary>Npgsql's message plus the socket's, e.g. "Failed to connect to 127.0.0.1:5432: Connection refused".</summary>
    private static string Describe(NpgsqlException exception) => exception.InnerException switch
    {
        SocketException socket => $"{exception.Message}: {socket.Message}",
        IOException { InnerException: SocketException socket } => $"{exception.Message}: {socket.Message}",
        IOException io => $"{exception.Message}: {io.Message}",
        TimeoutException when exception.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) => exception.Message,
        TimeoutException => $"{exception.Message} (timeout)",
        _ => exception.Message,
    };
}
