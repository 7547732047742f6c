using Conflicto.Data.Media;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Media;

/// <summary>
/// With <c>Media:Storage=Folder</c>, deletes the files whose media row is gone: deleting a session
/// deletes its rows (on delete cascade) but cannot reach files, so this runs at start and every
/// <see cref="MediaOptions.FolderSweepSeconds"/>. Safe against uploads in flight: an upload commits
/// its row before it writes the file, so a file without a row is never one being uploaded. Several
/// nodes sweeping one shared folder only delete the same files twice. Idle with Postgres storage.
/// </summary>
public sealed class FolderMediaSweeper(IMediaStore store, MediaRepository media, IOptions<MediaOptions> options, ILogger<FolderMediaSweeper> logger) : BackgroundService
{
    /// <summary>Rows are asked for in batches of this many ids.</summary>
    private const int Batch = 1000;

    /// <summary>A temporary file this old is a write that a crash cut short.</summary>
    private static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not FolderMediaStore folder) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FolderSweepSeconds));
        do
        {
            try
            {
                await SweepAsync(folder, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping the media folder failed; trying again in {Seconds} s", options.Value.FolderSweepSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; returns how many orphaned files it deleted.</summary>
    public async Task<int> SweepAsync(FolderMediaStore folder, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var batch in folder.StoredIds().Chunk(Batch))
        {
            var existing = await media.ExistingAsync(batch, ct);
            foreach (var id in batch.Where(id => !existing.Contains(id)))
            {
                await folder.DeleteAsync(id, ct);
                deleted++;
            }
        }
        var temporaries = folder.DeleteStaleTemporaries(StaleTemporary);
        if (deleted + temporaries > 0)
            logger.LogInformation("Media folder swept: {Deleted} files of deleted images and {Temporaries} stale temporary files removed", deleted, temporaries);
        return deleted;
    }
}
