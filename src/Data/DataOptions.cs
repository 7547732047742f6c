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
}
