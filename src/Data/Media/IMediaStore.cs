namespace Conflicto.Data.Media;

/// <summary>
/// Where the bytes of uploaded images live, by media id. Postgres (<see cref="PostgresMediaStore"/>) by
/// default, a folder (<see cref="FolderMediaStore"/>) by configuration; an object store can take
/// their place by implementing this. The metadata (<see cref="MediaRow"/>) stays in Postgres either way.
/// </summary>
public interface IMediaStore
{
    Task PutAsync(string id, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The bytes, or null when the store has none for this id.</summary>
    Task<byte[]?> GetAsync(string id, CancellationToken ct);

    Task DeleteAsync(string id, CancellationToken ct);
}
