using System.Diagnostics;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// The one shape of every error (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>,
/// <c>trace_id</c>), whoever raises it: endpoints, the exception handler, status code pages, the
/// rate limiter. ASP.NET Core gives <c>type</c> for most statuses; this fills in the ones it does
/// not know, the 415 it answers without a detail, and <c>Retry-After</c> on every 429.
/// </summary>
public static class ProblemShape
{
    /// <summary>Status → (type, title) where ASP.NET Core has none. 429 is not in RFC 9110: RFC 6585 defines it.</summary>
    private static readonly Dictionary<int, (string Type, string Title)> Missing = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "Payload too large"),
        [StatusCodes.Status429TooManyRequests] = ("https://tools.ietf.org/html/rfc6585#section-4", "Too many requests"),
    };

    /// <summary>Seconds to wait after a 429 when the limiter did not say (the buckets refill every second).</summary>
    public const int DefaultRetryAfterSeconds = 1;

    public static IServiceCollection AddConflictoProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        // After the default writer, which declines clients whose Accept names no JSON type.
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        return services;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ??= context.HttpContext.Response.StatusCode;
        if (Missing.TryGetValue(status, out var missing))
        {
            problem.Type ??= missing.Type;
            problem.Title ??= missing.Title;
        }
        // The framework answers these three itself, without a detail.
        problem.Detail ??= status switch
        {
            StatusCodes.Status404NotFound => "No route matches this path.",
            StatusCodes.Status405MethodNotAllowed => "This route does not accept this method.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON, with the header Content-Type: application/json.",
            _ => null,
        };
        var headers = context.HttpContext.Response.Headers;
        if (status == StatusCodes.Status429TooManyRequests && !headers.ContainsKey(HeaderNames.RetryAfter))
            headers.RetryAfter = DefaultRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An API answers its errors in its own format, whatever the client accepts: a browser tab
    /// (<c>Accept: text/html</c>) refused by the rate limiter still gets the problem+json, where
    /// the default writer would decline and leave a 500 or an empty answer.
    /// </summary>
    private sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            _ = TypedResults.Problem(problem); // fills in ASP.NET Core's type and title for the status, as the default writer does
            // Named like the default writer's, which follows the JSON naming policy (trace_id).
            var traceKey = json.Value.SerializerOptions.PropertyNamingPolicy?.ConvertName("traceId") ?? "traceId";
            problem.Extensions.TryAdd(traceKey, Activity.Current?.Id ?? http.TraceIdentifier);
            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
        }
    }
}
