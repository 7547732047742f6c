using System.Net.Sockets;
using Conflicto.Data;
using Conflicto.Data.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conflicto.Tests.Unit.Data.Infrastructure;

/// <summary>Failures as Npgsql raises them when the database is gone, and a <see cref="DatabaseAvailability"/> whose log lines a test can count.</summary>
public static class Outages
{
    public static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static NpgsqlException PoolExhausted() =>
        new("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 2) or 'Timeout' (currently 1 seconds) in your connection string.", new TimeoutException());

    public static (DatabaseAvailability Database, LogLines Log) Availability(TimeProvider clock, int retryAfterSeconds = 5, int backoffMaxSeconds = 30)
    {
        var log = new LogLines();
        var options = Options.Create(new DataOptions { ConnectionString = "Host=x", RetryAfterSeconds = retryAfterSeconds, OutageBackoffMaxSeconds = backoffMaxSeconds });
        return (new DatabaseAvailability(clock, options, log), log);
    }

    /// <summary>Keeps every line logged, rendered, with its level.</summary>
    public sealed class LogLines : ILogger<DatabaseAvailability>
    {
        private readonly List<(LogLevel Level, string Text)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Text)> Lines { get { lock (_lines) return [.. _lines]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
