using System.Threading.RateLimiting;
using Conflicto.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Media;

/// <summary>
/// The upload rate limits (section <c>RateLimits</c>, off with <c>RateLimits:Enabled=false</c> like the
/// others): a token bucket per address (<see cref="RateLimitOptions.AddressUploadsPerMinute"/>, the
/// address hashed as <see cref="AbuseLimits.AddressKey(HttpContext)"/> does) and one per session
/// (<see cref="RateLimitOptions.SessionUploadsPerMinute"/>). Taken only once the caller is known to
/// be the host, so nobody else can empty a session's bucket; over either: 429 with Retry-After.
/// </summary>
public sealed class MediaUploadLimits : IDisposable
{
    private readonly AbuseLimits _abuse;
    private readonly PartitionedRateLimiter<string>? _uploads;

    public MediaUploadLimits(IOptions<RateLimitOptions> options, AbuseLimits abuse)
    {
        _abuse = abuse;
        var o = options.Value;
        if (!o.Enabled) return;
        _uploads = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, k => k.StartsWith("s:", StringComparison.Ordinal)
            ? PerMinute(o.SessionUploadsPerMinute, o.SessionUploadBurst)
            : PerMinute(o.AddressUploadsPerMinute, o.AddressUploadBurst)));
    }

    /// <summary>Takes an upload from the address's and the session's buckets; false (with the wait) when either is empty.</summary>
    public bool TryUpload(HttpContext http, int sessionId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_uploads is null) return true;
        using var address = _uploads.AttemptAcquire(_abuse.AddressKey(http));
        if (!address.IsAcquired) return Refused(address, out retryAfter);
        using var session = _uploads.AttemptAcquire($"s:{sessionId}");
        return session.IsAcquired || Refused(session, out retryAfter);
    }

    private static TokenBucketRateLimiterOptions PerMinute(int perMinute, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1d / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool Refused(RateLimitLease lease, out TimeSpan retryAfter)
    {
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _uploads?.Dispose();
}
