using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Infrastructure;

/// <summary>REST's side of a <see cref="Refusal"/>: the same problem+json the endpoints answer for their own checks.</summary>
public static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => FieldProblem(refusal),
        RefusalKind.Unauthorized => Problems.Unauthorized(refusal.Message),
        RefusalKind.Forbidden => Problems.Forbidden(refusal.Message),
        RefusalKind.NotFound => Problems.NotFound(refusal.Message),
        RefusalKind.Conflict => Problems.Conflict(refusal.Message),
        RefusalKind.TooLarge => Problems.TooLarge(refusal.Message),
        RefusalKind.TooManyRequests => Problems.TooManyRequests(refusal.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal kind."),
    };

    private static ProblemHttpResult FieldProblem(Refusal refusal)
    {
        var v = new Validation();
        if (refusal.FieldErrors.Count == 0) v.Add("request", refusal.Message);
        foreach (var (field, messages) in refusal.FieldErrors)
            foreach (var message in messages) v.Add(field, message);
        return v.ToProblem();
    }
}
