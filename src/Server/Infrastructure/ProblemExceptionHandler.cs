using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Turns request-shape failures into problem+json: unreadable or mistyped JSON and unparsable
/// route/query values are 422 (as the legacy API answered) in words a client developer can act
/// on (<see cref="RequestErrorTexts"/>), input that cannot be stored 422 (<see cref="StorableText"/>), oversized bodies 413. An unreachable database is a 503
/// with <c>Retry-After</c> (<see cref="DatabaseAvailability"/> logs the outage once, not per
/// request). Anything else is a 500 that is logged with its exception and reveals nothing to the caller.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, IOptions<JsonOptions> json, DatabaseAvailability database, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = 499; // client closed the request: nothing to answer, nothing to log as an error
            return true;
        }

        var problem = exception switch
        {
            UnstorableInputException e => Unprocessable(new RequestError(e.Field, e.Detail)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Plain(e.StatusCode, "Payload too large", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Plain(StatusCodes.Status415UnsupportedMediaType, null, null),
            BadHttpRequestException e => Unprocessable(RequestErrorTexts.Describe(e, context.Features.Get<IExceptionHandlerFeature>()?.Endpoint, json.Value.SerializerOptions)),
            _ when database.ReportFailure(exception) => Unavailable(context),
            _ => Plain(StatusCodes.Status500InternalServerError, "Internal server error", "The server failed to handle the request; it has been logged."),
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>Nothing was done: the client may send the same request again after <c>Retry-After</c>.</summary>
    private ProblemDetails Unavailable(HttpContext context)
    {
        var seconds = (int)database.RetryAfter.TotalSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Plain(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"The database is unreachable, so the request could not be carried out. Try again in {seconds} s.");
    }

    private static ProblemDetails Plain(int status, string? title, string? detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>A field's error is a validation problem like any other (<c>errors: {field: [message]}</c>); the body's as a whole is a plain one.</summary>
    private static ProblemDetails Unprocessable(RequestError error) => error.Field is null
        ? Plain(StatusCodes.Status422UnprocessableEntity, "Invalid request", error.Message)
        : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more validation errors occurred.",
            Detail = error.Message,
        };
}
