using Conflicto.Server.Metrics;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// The level of Serilog's one line per request. Probes and scrapes (health, <c>/metrics</c>) come
/// every few seconds from machines and would drown the log, so they are Debug unless they fail.
/// A 503 is an expected, self-healing answer (a draining node, a database outage that is logged
/// once on its own), so Warning; any other 5xx or an exception is an Error.
/// </summary>
public static class RequestLogLevels
{
    private static readonly PathString Health = "/api/v1/health";

    public static LogEventLevel Of(HttpContext http, double elapsedMs, Exception? ex)
    {
        var status = http.Response.StatusCode;
        if (ex is not null || (status >= 500 && status != StatusCodes.Status503ServiceUnavailable)) return LogEventLevel.Error;
        if (status == StatusCodes.Status503ServiceUnavailable) return LogEventLevel.Warning;
        return IsProbe(http.Request) ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    private static bool IsProbe(HttpRequest request) =>
        request.Path.StartsWithSegments(Health)
        || request.Path.StartsWithSegments(request.HttpContext.RequestServices.GetService<IOptions<MetricsOptions>>()?.Value.Path ?? "/metrics");
}
