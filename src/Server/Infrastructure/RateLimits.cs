using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>Section <c>RateLimits</c>: token buckets per client (participant token, admin code, else IP address).</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Responses a participant may submit per second (REST and hub together), sustained.</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerSecond { get; set; } = 10;

    [Range(1, 100_000)]
    public int SubmissionBurst { get; set; } = 30;

    /// <summary>Polling requests (status, results, events) per client per second, sustained.</summary>
    [Range(1, 100_000)]
    public int PollsPerSecond { get; set; } = 20;

    [Range(1, 100_000)]
    public int PollBurst { get; set; } = 60;

    /// <summary>
    /// Credential-less polls of one session's cached status endpoints from one address, per second:
    /// a class behind one school NAT (50 phones polling status and results every 2 s is 50/s)
    /// shares this bucket instead of the address's <see cref="PollsPerSecond"/>.
    /// </summary>
    [Range(1, 100_000)]
    public int SessionPollsPerSecond { get; set; } = 100;

    [Range(1, 100_000)]
    public int SessionPollBurst { get; set; } = 200;

    /// <summary>
    /// Client addresses are hashed into this many buckets (an IPv6 client by its /64), which bounds
    /// the limiters' partitions however many addresses call; unrelated addresses may share one.
    /// </summary>
    [Range(1, 10_000_000)]
    public int AddressBuckets { get; set; } = 65_536;

    /// <summary>The window over which wrong admin and join codes are counted; a lock-out lasts until it ends.</summary>
    [Range(1, 86_400)]
    public int CodeFailureWindowSeconds { get; set; } = 60;

    /// <summary>Wrong admin codes (<c>X-Admin-Code</c> or <c>code_type=admin</c> lookups) from one address per window.</summary>
    [Range(1, 100_000)]
    public int AdminCodeFailuresPerAddress { get; set; } = 10;

    /// <summary>Wrong <c>X-Admin-Code</c>s sent to one session's routes, from all addresses, per window.</summary>
    [Range(1, 100_000)]
    public int AdminCodeFailuresPerSession { get; set; } = 50;

    /// <summary>Join-code lookups that find no session, from one address per window.</summary>
    [Range(1, 100_000)]
    public int JoinCodeFailuresPerAddress { get; set; } = 30;

    /// <summary>Joins from one address per second, sustained: a class of 50 behind one NAT joins in one burst.</summary>
    [Range(1, 100_000)]
    public int AddressJoinsPerSecond { get; set; } = 5;

    [Range(1, 100_000)]
    public int AddressJoinBurst { get; set; } = 100;

    /// <summary>Joins of one session per second, sustained: an audience of 10,000 arriving over a minute is about 170/s.</summary>
    [Range(1, 100_000)]
    public int SessionJoinsPerSecond { get; set; } = 300;

    [Range(1, 100_000)]
    public int SessionJoinBurst { get; set; } = 1_000;

    /// <summary>Media uploads (POST /sessions/{id}/media) from one address per minute, sustained: each is a decode of up to Media:MaxPixels.</summary>
    [Range(1, 100_000)]
    public int AddressUploadsPerMinute { get; set; } = 60;

    [Range(1, 100_000)]
    public int AddressUploadBurst { get; set; } = 20;

    /// <summary>Media uploads to one session per minute, sustained, from all addresses together.</summary>
    [Range(1, 100_000)]
    public int SessionUploadsPerMinute { get; set; } = 30;

    [Range(1, 100_000)]
    public int SessionUploadBurst { get; set; } = 20;

    /// <summary>
    /// Hub connections one participant may hold open on one node: a phone with a few tabs, and the
    /// connections a flaky network left behind until the server notices they are gone.
    /// </summary>
    [Range(1, 10_000)]
    public int HubConnectionsPerParticipant { get; set; } = 5;

    /// <summary>Hub calls one connection may make per second, sustained (any method, any role).</summary>
    [Range(1, 100_000)]
    public int HubInvocationsPerSecond { get; set; } = 20;

    [Range(1, 100_000)]
    public int HubInvocationBurst { get; set; } = 50;
}

/// <summary>
/// The two limits of DESIGN §4. A participant is limited by its token wherever it submits from
/// (so the hub and REST share one bucket); pollers by their credential, or their IP address when
/// they send none. Over the limit: 429 problem+json with Retry-After, nothing changed.
/// </summary>
public sealed class RateLimits : IDisposable
{
    public const string PollingPolicy = "polling";

    /// <summary>Polling of the status endpoints served from <see cref="Polling.PollCache"/>: see <see cref="CachedPollKey"/>.</summary>
    public const string CachedPollingPolicy = "polling-cached";
    private readonly PartitionedRateLimiter<string>? _submissions;

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        _submissions = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(o.SubmissionsPerSecond, o.SubmissionBurst)));
    }

    /// <summary>Takes one submission token for <paramref name="participantKey"/>; false when over the limit.</summary>
    public bool TrySubmit(string participantKey)
    {
        if (_submissions is null) return true;
        using var lease = _submissions.AttemptAcquire(participantKey);
        return lease.IsAcquired;
    }

    public static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// A poller's bucket: the participant its token names, the session its admin code hosts, the
    /// session its join code opened plus its address, all as validated by <see cref="AbuseGuardMiddleware"/>;
    /// anything else (no credential, or one that names nothing) is the address's bucket, so a fresh
    /// junk credential per request buys no fresh bucket.
    /// </summary>
    public static string ClientKey(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<AbuseLimits>();
        var address = limits.AddressKey(http);
        if (Access.BearerTokens.Of(http.Request) is { } token && limits.KnownKey($"t:{token}") is { } participant) return participant;
        if (http.Request.Headers[Access.Caller.AdminCodeHeader].ToString() is { Length: > 0 } code && limits.KnownKey($"a:{code}") is { } host) return host;
        if (http.Request.Query["join_code"].ToString() is { Length: > 0 } join && http.Request.RouteValues["sessionId"] is string session
            && limits.KnownKey($"j:{session}:{join}") is { } viewer) return $"{viewer}:{address}";
        return address;
    }

    /// <summary>429 problem+json with <c>Retry-After</c> (whole seconds, at least 1).</summary>
    public static Task RefuseAsync(HttpContext http, TimeSpan wait, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests(detail).ExecuteAsync(http);
    }

    /// <summary>
    /// The bucket of a credential-less poll of a cached status endpoint: the polled session (from
    /// the route's activity or session) and the address. Phones behind one NAT share an address,
    /// so per address alone a class would be refused; per session alone, one address could starve
    /// every other poller of the session. Only sessions the cache has loaded get such a bucket, so
    /// made-up ids stay in the address's bucket and cannot create partitions without bound.
    /// Null: use <see cref="ClientKey"/>.
    /// </summary>
    public static string? CachedPollKey(HttpContext http, Polling.PollCache cache)
    {
        if (Access.BearerTokens.Of(http.Request) is not null || http.Request.Headers[Access.Caller.AdminCodeHeader].Count > 0) return null;
        var route = http.Request.RouteValues;
        var subject = Guid.TryParse(route["activityId"] as string, out var activityId) ? activityId.ToString()
            : int.TryParse(route["sessionId"] as string, out var sessionId) ? sessionId.ToString(CultureInfo.InvariantCulture)
            : null;
        return subject is not null && cache.TryGetSessionOf(subject, out var session)
            ? $"s:{session}:{http.RequestServices.GetRequiredService<AbuseLimits>().AddressKey(http)}" : null;
    }

    public void Dispose() => _submissions?.Dispose();
}

public static class RateLimitSetup
{
    public static IServiceCollection AddConflictoRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<AbuseLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(ProblemShape.DefaultRetryAfterSeconds);
                await RateLimits.RefuseAsync(context.HttpContext, wait, "Polling too often: slow down, or follow the session over the hub.");
            };
            limiter.AddPolicy(RateLimits.PollingPolicy, http => PerClient(http, Options(http)));
            limiter.AddPolicy(RateLimits.CachedPollingPolicy, http =>
            {
                var o = Options(http);
                return o.Enabled && RateLimits.CachedPollKey(http, http.RequestServices.GetRequiredService<Polling.PollCache>()) is { } key
                    ? RateLimitPartition.GetTokenBucketLimiter(key, _ => RateLimits.Bucket(o.SessionPollsPerSecond, o.SessionPollBurst))
                    : PerClient(http, o);
            });
        });
        return services;
    }

    private static RateLimitOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> PerClient(HttpContext http, RateLimitOptions o) => o.Enabled
        ? RateLimitPartition.GetTokenBucketLimiter(RateLimits.ClientKey(http), _ => RateLimits.Bucket(o.PollsPerSecond, o.PollBurst))
        : RateLimitPartition.GetNoLimiter("off");
}
