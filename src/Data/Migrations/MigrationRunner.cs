using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conflicto.Data.Migrations;

/// <summary>
/// Applies the embedded <c>sql/migrations</c> scripts with DbUp (journal table <c>schemaversions</c>).
/// Several nodes may start at once: the whole run happens under a Postgres advisory lock, so the
/// second node waits, then finds every script already journaled and applies nothing.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every node: "conflict" in hex-speak.
    private const long AdvisoryLockKey = 0x0C0F11C7;

    /// <summary>The migrations this build ships (embedded resource names, as DbUp journals them), in the order they apply.</summary>
    public static IReadOnlyList<string> Shipped { get; } = typeof(MigrationRunner).Assembly.GetManifestResourceNames()
        .Where(name => name.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The shipped migrations the database has not journaled (empty when it is current), read in
    /// one statement for the health check. A database without a journal has applied none.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var read = new NpgsqlCommand(
            "select coalesce(array_agg(scriptname), '{}') from schemaversions", connection);
        string[] applied;
        try
        {
            applied = (string[])(await read.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            applied = []; // never migrated
        }
        return Shipped.Except(applied, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var engine = DeployChanges.To
                // Through the app's data source: one pool, labelled by its name in the metrics.
                .PostgresqlDatabase(new DbUp.Postgresql.PostgresqlConnectionManager(dataSource))
                .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly, name => name.EndsWith(".sql", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(new UpgradeLog(logger))
                .Build();

            var result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error);
            }

            var applied = result.Scripts.Select(s => s.Name).ToList();
            logger.LogInformation("Database schema is current; {AppliedCount} migration(s) applied", applied.Count);
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", AdvisoryLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Bridges DbUp's log to Microsoft.Extensions.Logging (and so to Serilog).</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        // DbUp passes string.Format templates; format them here rather than feeding them to a
        // structured logger that would treat {0} as a property name.
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{DbUpMessage:l}", Format(format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{DbUpMessage:l}", Format(format, args));
        public void LogInformation(string format, params object[] args) => logger.LogInformation("{DbUpMessage:l}", Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUpMessage:l}", Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{DbUpMessage:l}", Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{DbUpMessage:l}", Format(format, args));

        private static string Format(string format, object[] args) => args.Length == 0 ? format : string.Format(format, args);
    }
}
