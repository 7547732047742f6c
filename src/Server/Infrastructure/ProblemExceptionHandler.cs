using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Turns request-shape failures into problem+json: unreadable or mistyped JSON and unparsable
/// route/query values are 422 (as the legacy API answered), oversized bodies 413. Anything else
/// is a 500 that is logged with its exception and reveals nothing to the caller.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = 499; // client closed the request: nothing to answer, nothing to log as an error
            return true;
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (e.StatusCode, "Payload too large", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } e => (e.StatusCode, "Unsupported media type", e.Message),
            BadHttpRequestException e => (StatusCodes.Status422UnprocessableEntity, "Invalid request", Describe(e)),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", "The server failed to handle the request; it has been logged."),
        };
        if (status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException json when json.Message.Contains("maximum configured depth", StringComparison.Ordinal) =>
            $"The JSON body is nested too deeply. {json.Message}",
        JsonException json => $"The request body is not valid JSON for this endpoint: {json.Message}",
        _ => exception.Message,
    };
}
