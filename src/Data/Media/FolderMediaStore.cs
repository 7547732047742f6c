namespace Conflicto.Data.Media;

/// <summary>
/// Image bytes as files in one folder, named by media id (ids are base64url, so safe as file names).
/// Every node must see the same folder (a shared volume) for a multi-node deployment.
/// </summary>
public sealed class FolderMediaStore : IMediaStore
{
    private readonly string _folder;

    public FolderMediaStore(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public async Task PutAsync(string id, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        // Written under a temporary name and moved: a reader never sees half a file.
        var path = PathOf(id);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string id, CancellationToken ct)
    {
        var path = PathOf(id);
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string id, CancellationToken ct)
    {
        File.Delete(PathOf(id));
        return Task.CompletedTask;
    }

    /// <summary>The media ids the folder holds files for (temporary and foreign files are not listed).</summary>
    public IReadOnlyList<string> StoredIds() =>
        Directory.EnumerateFiles(_folder).Select(Path.GetFileName).Where(MediaIds.IsWellFormed).Select(name => name!).ToList();

    /// <summary>Deletes temporary files (<c>*.tmp</c>) older than <paramref name="age"/>: writes that a crash cut short. Returns how many.</summary>
    public int DeleteStaleTemporaries(TimeSpan age)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_folder, "*.tmp"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < age) continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }

    private string PathOf(string id)
    {
        if (!MediaIds.IsWellFormed(id)) throw new ArgumentException($"Not a media id: {id}", nameof(id));
        return Path.Combine(_folder, id);
    }
}
