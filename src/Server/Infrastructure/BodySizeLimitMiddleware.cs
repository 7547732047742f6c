using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Refuses request bodies over <see cref="LimitsOptions.MaxBodyBytes"/> with 413: at once when
/// Content-Length says so, or while reading a chunked body. Done here rather than with Kestrel's
/// limit alone so the same rule holds in every host (the test server has no such limit).
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> options)
{
    private readonly long _max = options.Value.MaxBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        // A route may declare its own limit (BodySizeLimit: media uploads); routing has run, so its metadata is known here.
        var own = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.MaxRequestBodySize;
        var max = own ?? _max;
        // Kestrel's own limit (30 MB unless configured) must not refuse first what the route allows.
        if (own is not null && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } kestrelMax } kestrel
            && kestrelMax < own)
            kestrel.MaxRequestBodySize = own;
        if (context.Request.ContentLength > max)
            throw new BadHttpRequestException($"The request body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge);
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            context.Request.Body = new LengthLimitedStream(context.Request.Body, max);
        return next(context);
    }

    private sealed class LengthLimitedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int read)
        {
            _read += read;
            if (_read > max) throw new BadHttpRequestException($"The request body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
