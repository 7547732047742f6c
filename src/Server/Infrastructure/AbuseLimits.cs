using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Conflicto.Server.Access;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// The walk-arounds of the plain rate limits, closed (issue #13): buckets are keyed on a credential
/// only once it is validated, guesses of admin and join codes are counted per address (and per
/// session), and joins are limited per address and per session. Partitions are bounded: addresses
/// are hashed into <see cref="RateLimitOptions.AddressBuckets"/> buckets (an IPv6 client by its /64),
/// and a credential gets a bucket of its own only when it names a real participant or session.
/// </summary>
public sealed class AbuseLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly ILogger<AbuseLimits> _logger;
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly PartitionedRateLimiter<string>? _adminFailures;
    private readonly PartitionedRateLimiter<string>? _joinCodeFailures;
    private readonly PartitionedRateLimiter<string>? _joins;

    public AbuseLimits(IOptions<RateLimitOptions> options, ILogger<AbuseLimits> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (!_options.Enabled) return;
        var window = TimeSpan.FromSeconds(_options.CodeFailureWindowSeconds);
        _adminFailures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => Window(
            k.StartsWith("s:", StringComparison.Ordinal) ? _options.AdminCodeFailuresPerSession : _options.AdminCodeFailuresPerAddress, window)));
        _joinCodeFailures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(_options.JoinCodeFailuresPerAddress, window)));
        _joins = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, k => k.StartsWith("s:", StringComparison.Ordinal)
            ? RateLimits.Bucket(_options.SessionJoinsPerSecond, _options.SessionJoinBurst)
            : RateLimits.Bucket(_options.AddressJoinsPerSecond, _options.AddressJoinBurst)));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>
    /// The address bucket of a request: one of <see cref="RateLimitOptions.AddressBuckets"/>, so
    /// however many addresses call, the partitions stay bounded (unrelated addresses may share one).
    /// </summary>
    public string AddressKey(HttpContext http) => AddressKey(http.Connection.RemoteIpAddress, _options.AddressBuckets);

    public static string AddressKey(IPAddress? address, int buckets)
    {
        if (address is null) return "ip:none";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        // An IPv6 client usually owns its /64: counting its addresses apart would give it 2^64 buckets.
        var significant = address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes.AsSpan(0, 8) : bytes.AsSpan();
        var hash = 17u;
        foreach (var b in significant) hash = unchecked(hash * 31 + b);
        return "ip:" + (hash % (uint)buckets).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The validated key of a credential seen before (<see cref="Remember"/>), or null.</summary>
    public string? KnownKey(string credential) => _validated.TryGetValue(credential, out string? key) ? key : null;

    /// <summary>
    /// Remembers that <paramref name="credential"/> was validated as <paramref name="key"/>, for a
    /// while: only the limiter's choice of bucket reads this, never an access decision, so a revoked
    /// token keeps its bucket a minute longer and nothing else.
    /// </summary>
    public void Remember(string credential, string key) =>
        _validated.Set(credential, key, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(1) });

    /// <summary>
    /// Whether guesses of <paramref name="kind"/> codes from this address (or at this session) are
    /// refused for now; <paramref name="retryAfter"/> is when the window ends.
    /// </summary>
    public bool IsLockedOut(HttpContext http, CodeKind kind, int? sessionId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (Limiter(kind) is not { } limiter) return false;
        foreach (var key in Keys(http, kind, sessionId))
        {
            using var lease = limiter.AttemptAcquire(key, 0);
            if (lease.IsAcquired) continue;
            retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(_options.CodeFailureWindowSeconds);
            return true;
        }
        return false;
    }

    /// <summary>Counts a wrong code; the failure that uses up a window's allowance logs the lock-out, once.</summary>
    public void Failed(HttpContext http, CodeKind kind, int? sessionId)
    {
        if (Limiter(kind) is not { } limiter) return;
        foreach (var key in Keys(http, kind, sessionId))
        {
            using var lease = limiter.AttemptAcquire(key, 1);
            if (lease.IsAcquired) continue;
            _logger.LogWarning("Too many wrong {CodeKind} codes from {RemoteAddress} (session {SessionId}): refused for {WindowSeconds} s",
                kind, http.Connection.RemoteIpAddress, sessionId, _options.CodeFailureWindowSeconds);
            return;
        }
    }

    /// <summary>Takes a join from the address's and the session's buckets; false (with the wait) when either is empty.</summary>
    public bool TryJoin(HttpContext http, int sessionId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_joins is null) return true;
        using var address = _joins.AttemptAcquire(AddressKey(http));
        if (!address.IsAcquired) return Refused(address, out retryAfter);
        using var session = _joins.AttemptAcquire($"s:{sessionId}");
        return session.IsAcquired || Refused(session, out retryAfter);
    }

    private static bool Refused(RateLimitLease lease, out TimeSpan retryAfter)
    {
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    private PartitionedRateLimiter<string>? Limiter(CodeKind kind) => kind == CodeKind.Admin ? _adminFailures : _joinCodeFailures;

    private IEnumerable<string> Keys(HttpContext http, CodeKind kind, int? sessionId)
    {
        yield return AddressKey(http);
        // Guesses at one session from many addresses: only for admin codes, whose holder is the host.
        if (kind == CodeKind.Admin && sessionId is { } id) yield return $"s:{id}";
    }

    public void Dispose()
    {
        _validated.Dispose();
        _adminFailures?.Dispose();
        _joinCodeFailures?.Dispose();
        _joins?.Dispose();
    }
}

public enum CodeKind { Admin, Join }
