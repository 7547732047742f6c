namespace Conflicto.Load.Clients;

/// <summary>
/// The byte stream under one WebSocket, as <see cref="SeverableTransport"/> hands it to the
/// client: counts what it reads, and once silenced swallows writes and never returns another
/// read, while the socket below stays open. That is what a dead radio link looks like from
/// both ends: the client hears nothing, the server's writes pile up unacknowledged by the
/// application and only its keep-alive timeout tells it the client is gone.
/// </summary>
internal sealed class SeverableStream(Stream inner, Action<int> onRead) : Stream
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _silent;

    public void Silence() => _silent = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (!_silent)
        {
            var n = await inner.ReadAsync(buffer, ct);
            if (!_silent)
            {
                onRead(n);
                return n;
            }
        }
        // Whatever arrives from now on is lost on the way; the reader waits until it gives up.
        await _released.Task.WaitAsync(ct);
        return 0;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) =>
        _silent ? ValueTask.CompletedTask : inner.WriteAsync(buffer, ct);

    public override Task FlushAsync(CancellationToken ct) => _silent ? Task.CompletedTask : inner.FlushAsync(ct);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _released.TrySetResult();
        // A silenced link stays up below: the transport closes its socket when the run ends,
        // so the server cannot learn of the drop from a FIN when the client object goes away.
        if (disposing && !_silent) inner.Dispose();
        base.Dispose(disposing);
    }
}
