using System.Net.Sockets;
using Conflicto.Data.Infrastructure;
using Npgsql;

namespace Conflicto.Tests.Unit.Data.Infrastructure;

/// <summary>One classification of "the database is unreachable", for every caller.</summary>
public sealed class PostgresErrorsTests
{
    public static TheoryData<Exception, string> Unreachable => new()
    {
        { Outages.Refused(), "Failed to connect to 127.0.0.1:5432: Connection refused" },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException("Attempted to read past the end of the stream.")), "Exception while reading from stream: Attempted to read past the end of the stream." },
        { new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data", new SocketException((int)SocketError.ConnectionReset))), "Exception while reading from stream: Connection reset by peer" },
        { Outages.PoolExhausted(), Outages.PoolExhausted().Message },
        { new NpgsqlException("The operation has timed out", new TimeoutException()), "The operation has timed out (timeout)" },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), "57P01: terminating connection due to administrator command" },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow), "57P03: the database system is starting up" },
        { new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections), "53300: sorry, too many clients already" },
        { new InvalidOperationException("wrapped", Outages.Refused()), "Failed to connect to 127.0.0.1:5432: Connection refused" },
        { new AggregateException(Outages.Refused()), "Failed to connect to 127.0.0.1:5432: Connection refused" },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void ConnectionFailures_AreUnreachable(Exception exception, string reason)
    {
        Assert.True(exception.IsDatabaseUnreachable(out var said));
        Assert.Equal(reason, said);
    }

    public static TheoryData<Exception> Answers => new()
    {
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation),
        new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure),
        new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled),
        new NpgsqlException("No password has been provided"),
        new TimeoutException("not from the database"),
        new InvalidOperationException("a bug"),
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void StatementErrorsAndBugs_AreNot(Exception exception)
    {
        Assert.False(exception.IsDatabaseUnreachable(out _));
    }
}
