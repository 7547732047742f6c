using Npgsql;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// A digest of everything a request could change: every row of the tables that hold sessions,
/// activities, participants, responses, events and jobs. Two equal digests mean nothing changed.
/// The operation log (it records refused requests too, by design) and caches are left out.
/// </summary>
public sealed class StateFingerprint(string connectionString)
{
    private static readonly string[] Tables = ["sessions", "activities", "participants", "user_responses", "session_events", "processing_jobs"];

    private static readonly string Query = "select " + string.Join(" || '|' || ", Tables.Select(t =>
        $"(select count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from {t} x)"));

    public async Task<string> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Which tables differ between two digests (for the failure message).</summary>
    public static string Difference(string before, string after)
    {
        var b = before.Split('|');
        var a = after.Split('|');
        return string.Join(", ", Tables.Where((_, i) => b[i] != a[i]).Select((t, i) => t));
    }
}
