using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Bounds how many JoinSession snapshots are read at once (<see cref="RealtimeOptions.MaxConcurrentSnapshots"/>).
/// When hundreds of clients resume in the same second (a venue's Wi-Fi comes back), the others
/// wait their turn here instead of taking every pooled database connection, so live traffic
/// (host changes, submissions) keeps connections to work with.
/// </summary>
public sealed class SnapshotGate(IOptions<RealtimeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSnapshots, options.Value.MaxConcurrentSnapshots);

    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
