using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
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
}

/// <summary>
/// The two limits of DESIGN §4. A participant is limited by its token wherever it submits from
/// (so the hub and REST share one bucket); pollers by their credential, or their IP address when
/// they send none. Over the limit: 429 problem+json with Retry-After, nothing changed.
/// </summary>
public sealed class RateLimits : IDisposable
{
    public const string PollingPolicy = "polling";
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

    public static string ClientKey(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? $"t:{auth}"
        : http.Request.Headers[Access.Caller.AdminCodeHeader].ToString() is { Length: > 0 } code ? $"a:{code}"
        : http.Request.Query["join_code"].ToString() is { Length: > 0 } join ? $"j:{join}:{http.Connection.RemoteIpAddress}"
        : $"ip:{http.Connection.RemoteIpAddress}";

    public void Dispose() => _submissions?.Dispose();
}

public static class RateLimitSetup
{
    public static IServiceCollection AddConflictoRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails { Status = 429, Title = "Too many requests", Detail = "Polling too often: slow down, or follow the session over the hub." },
                });
            };
            limiter.AddPolicy(RateLimits.PollingPolicy, http =>
            {
                var o = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return o.Enabled
                    ? RateLimitPartition.GetTokenBucketLimiter(RateLimits.ClientKey(http), _ => RateLimits.Bucket(o.PollsPerSecond, o.PollBurst))
                    : RateLimitPartition.GetNoLimiter("off");
            });
        });
        return services;
    }
}
