using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conflicto.Data.Infrastructure;

/// <summary>
/// Whether this node can reach the database, shared by everything that talks to it, so an outage
/// is logged once however many loops and requests run into it: "Database unreachable: …" at
/// Warning when the first failure is reported, "Database back after N s" at Information when a
/// connection opens again (every new physical connection reports in, see
/// <see cref="DataServiceCollectionExtensions"/>) or a caller reports a success. Callers decide
/// what to do meanwhile: REST and the hub answer 503, background loops back off
/// (<see cref="BackoffDelay"/>).
/// </summary>
public sealed class DatabaseAvailability(TimeProvider clock, IOptions<DataOptions> options, ILogger<DatabaseAvailability> logger)
{
    private readonly object _gate = new();
    private NpgsqlDataSource? _dataSource;
    private long _downSince; // timestamp of the first failure; meaningful while _down is 1
    private int _down;
    private string? _reason;

    public bool IsReachable => Volatile.Read(ref _down) == 0;

    /// <summary>Why the database is unreachable (the first failure's words), or null while it is reachable.</summary>
    public string? Reason { get { lock (_gate) return _down == 1 ? _reason : null; } }

    /// <summary>How long the database has been unreachable, or null while it is reachable.</summary>
    public TimeSpan? DownFor { get { lock (_gate) return _down == 1 ? clock.GetElapsedTime(_downSince) : null; } }

    /// <summary>What clients are told to wait before trying again.</summary>
    public TimeSpan RetryAfter => TimeSpan.FromSeconds(options.Value.RetryAfterSeconds);

    /// <summary>The data source whose idle connections are dropped when an outage starts (they are dead too, and would each fail once more after the database is back).</summary>
    internal void Attach(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>True when <paramref name="exception"/> says the database is unreachable; the outage is then recorded (and logged if it is new).</summary>
    public bool ReportFailure(Exception exception)
    {
        if (!exception.IsDatabaseUnreachable(out var reason)) return false;
        if (!IsReachable) return true;
        lock (_gate)
        {
            if (_down == 1) return true;
            _reason = reason;
            _downSince = clock.GetTimestamp();
            Volatile.Write(ref _down, 1);
        }
        logger.LogWarning("Database unreachable: {Reason}", reason);
        _dataSource?.Clear();
        return true;
    }

    /// <summary>A connection opened or a statement ran: ends an outage if there was one.</summary>
    public void ReportReachable()
    {
        if (IsReachable) return; // the common case: one volatile read
        TimeSpan downFor;
        lock (_gate)
        {
            if (_down == 0) return;
            downFor = clock.GetElapsedTime(_downSince);
            _reason = null;
            Volatile.Write(ref _down, 0);
        }
        logger.LogInformation("Database back after {Seconds} s", Math.Round(downFor.TotalSeconds, 1));
    }

    /// <summary>
    /// How long a loop waits after its <paramref name="failures"/>-th failure in a row against an
    /// unreachable database: its interval (at least a second), doubling per failure, capped at
    /// <see cref="DataOptions.OutageBackoffMaxSeconds"/>.
    /// </summary>
    public TimeSpan BackoffDelay(int failures, TimeSpan interval)
    {
        var cap = TimeSpan.FromSeconds(options.Value.OutageBackoffMaxSeconds);
        var first = interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : interval;
        if (first >= cap) return cap;
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = first.TotalMilliseconds * Math.Pow(2, doublings);
        return delay >= cap.TotalMilliseconds ? cap : TimeSpan.FromMilliseconds(delay);
    }
}
