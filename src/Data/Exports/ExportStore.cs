using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Exports;

/// <summary>
/// Reads an activity's responses for an export, a page at a time in the order they were given
/// (created_at, id): a session of 100,000 answers streams through without being held in memory,
/// and no connection is held while the caller writes a page out to a slow reader.
/// </summary>
public sealed class ExportStore(NpgsqlDataSource dataSource)
{
    public const int PageSize = 1000;

    /// <param name="anonymousActivity">The activity is anonymous now: every response loses its author, whatever its recorded flag.</param>
    public async IAsyncEnumerable<ExportedResponse> ReadAsync(Guid activityId, bool anonymousActivity, [EnumeratorCancellation] CancellationToken ct)
    {
        const string sql = """
            select r.id, r.activity_id,
                   case when r.anonymous or @anonymousActivity then null else r.participant_id end as participant_id,
                   case when r.anonymous or @anonymousActivity then null else p.nickname end as nickname,
                   (r.anonymous or @anonymousActivity) as anonymous,
                   r.response_data, r.moderation_verdict, r.moderation_override, r.pinned, r.answered, r.created_at, r.updated_at
            from user_responses r
            left join participants p on p.id = r.participant_id
            where r.activity_id = @activityId
              and (@afterAt::timestamptz is null or (r.created_at, r.id) > (@afterAt, @afterId))
            order by r.created_at, r.id
            limit @limit
            """;
        DateTime? afterAt = null;
        var afterId = Guid.Empty;
        while (true)
        {
            List<ExportedResponse> page;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            {
                page = (await connection.QueryAsync<ExportedResponse>(new CommandDefinition(sql,
                    new { activityId, anonymousActivity, afterAt, afterId, limit = PageSize }, cancellationToken: ct))).ToList();
            }
            foreach (var row in page) yield return row;
            if (page.Count < PageSize) yield break;
            (afterAt, afterId) = (page[^1].CreatedAt, page[^1].Id);
        }
    }
}
