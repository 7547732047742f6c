using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// A Serilog sink that keeps what the server logs, for tests that assert on log lines. Register
/// it as an <see cref="ILogEventSink"/> service: the server's Serilog set-up reads sinks from
/// the services (<c>ReadFrom.Services</c>).
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>A scalar property's value as text (strings without quotes), or null when absent.</summary>
    public static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var raw } ? raw?.ToString() : null;
}
