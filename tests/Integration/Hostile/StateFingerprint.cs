using Npgsql;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// A digest of what a refused request must not change: every row of the target sessions (the
/// session, its activities, participants, responses, events and jobs) and how many sessions,
/// activities, participants and responses exist at all. Left out: the operation log (it records
/// refused requests too, by design), <c>participants.last_seen</c> (an open hub connection counts
/// as presence, written in the background), and other sessions' rows (their activities may expire
/// on a timer set by an earlier, accepted request).
/// </summary>
public sealed class StateFingerprint(string connectionString)
{
    private static readonly string[] Scoped = ["activities", "participants", "user_responses", "session_events", "processing_jobs"];
    private static readonly string[] Counted = ["sessions", "activities", "participants", "user_responses"];
    private static readonly string[] Parts = ["sessions", .. Scoped, .. Counted.Select(t => "count of " + t)];

    private static readonly string Query = "select " + string.Join(" || '|' || ", [
        Digest("sessions", "id = any(@ids)"),
        .. Scoped.Select(t => Digest(t, "session_id = any(@ids)")),
        .. Counted.Select(t => $"(select count(*)::text from {t})"),
    ]);

    private static string Digest(string table, string where) =>
        $"(select count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(x) - 'last_seen')::text, ',' order by (to_jsonb(x) - 'last_seen')::text)), '') from {table} x where {where})";

    public async Task<string> ReadAsync(HostileWorld world)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue("ids", new[] { world.Session.Id, world.Other.Id });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Whether the world is still what the generator aims at: both sessions there, the poll active,
    /// the draft a draft, the participants in, the response kept. Accepted requests may break it.
    /// </summary>
    public async Task<bool> IntactAsync(HostileWorld world)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select (select count(*) from sessions where id in (@a, @b)) = 2
               and exists (select 1 from sessions where id = @a and status <> 'completed')
               and exists (select 1 from activities where id = @poll and state = 'active' and expires_at is null)
               and exists (select 1 from activities where id = @draft and state = 'draft')
               and (select count(*) from participants where id in (@p, @q) and left_at is null) = 2
               and exists (select 1 from user_responses where id = @response)
            """, connection);
        command.Parameters.AddWithValue("a", world.Session.Id);
        command.Parameters.AddWithValue("b", world.Other.Id);
        command.Parameters.AddWithValue("poll", world.ActivePoll);
        command.Parameters.AddWithValue("draft", world.Draft);
        command.Parameters.AddWithValue("p", world.Participant.Id);
        command.Parameters.AddWithValue("q", world.OtherParticipant.Id);
        command.Parameters.AddWithValue("response", world.ResponseId);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Which parts differ between two digests (for the failure message).</summary>
    public static string Difference(string before, string after)
    {
        var b = before.Split('|');
        var a = after.Split('|');
        return string.Join(", ", Parts.Where((_, i) => i < b.Length && i < a.Length && b[i] != a[i]));
    }
}
