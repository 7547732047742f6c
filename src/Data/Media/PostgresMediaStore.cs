using Dapper;
using Npgsql;

namespace Conflicto.Data.Media;

/// <summary>Image bytes in table <c>media_content</c> (bytea), deleted with their <c>media</c> row.</summary>
public sealed class PostgresMediaStore(NpgsqlDataSource dataSource) : IMediaStore
{
    public async Task PutAsync(string id, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into media_content (media_id, data) values (@id, @data)", new { id, data = content.ToArray() }, cancellationToken: ct));
    }

    public async Task<byte[]?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "select data from media_content where media_id = @id", new { id }, cancellationToken: ct));
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("delete from media_content where media_id = @id", new { id }, cancellationToken: ct));
    }
}
