using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Infrastructure;

/// <summary>The problem+json answers endpoints use besides validation.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult TooManyRequests(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    /// <summary>Maps a failed write to its problem (not found → 404, conflict → 409).</summary>
    public static ProblemHttpResult From<T>(WriteResult<T> result) => result.Status switch
    {
        WriteStatus.NotFound => NotFound(result.Error ?? "Not found."),
        WriteStatus.Conflict or WriteStatus.Stale => Conflict(result.Error ?? "Conflict."),
        WriteStatus.Revoked => Unauthorized(result.Error ?? "The credential has been revoked."),
        _ => throw new InvalidOperationException("A successful write is not a problem."),
    };
}
