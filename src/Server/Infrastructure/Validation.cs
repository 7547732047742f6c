using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Infrastructure;

/// <summary>Collects field errors and answers them as one 422 validation problem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation AddIf(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public ProblemHttpResult ToProblem() => Problem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>The same errors as a domain outcome, for services shared by the hub and REST.</summary>
    public Refusal ToRefusal() => Refusal.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static ProblemHttpResult Problem(string field, string message) => new Validation().Add(field, message).ToProblem();

    private static ProblemHttpResult Problem(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more validation errors occurred.",
            Detail = string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
        });
}
