using System.ComponentModel.DataAnnotations;

namespace Conflicto.Data;

/// <summary>Database settings. The connection string comes from <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class DataOptions
{
    public const string ConnectionStringName = "Postgres";

    [Required(ErrorMessage = "Set ConnectionStrings:Postgres (environment variable ConnectionStrings__Postgres) to a PostgreSQL connection string.")]
    public string? ConnectionString { get; set; }

    /// <summary>Apply sql/migrations at start-up. Safe with several nodes: runs under an advisory lock.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Seconds a client is told to wait (<c>Retry-After</c>, and the hub's 503 text) while the
    /// database is unreachable: long enough that a room of clients does not hammer a recovering
    /// server, short enough that answers resume soon after it is back.
    /// </summary>
    [Range(1, 300)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Longest wait between a background loop's attempts while the database is unreachable (they double from the loop's interval up to this).</summary>
    [Range(1, 3_600)]
    public int OutageBackoffMaxSeconds { get; set; } = 30;
}
