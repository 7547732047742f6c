namespace Conflicto.Data.Infrastructure;

/// <summary>Why a request was refused, in domain terms; each edge (REST, hub) maps it to its own error shape once.</summary>
public enum RefusalKind
{
    /// <summary>The input breaks a rule (422); <see cref="Refusal.FieldErrors"/> says where.</summary>
    Invalid,
    /// <summary>No valid credential for this (401), including one revoked since the caller got it.</summary>
    Unauthorized,
    /// <summary>A valid credential that does not grant this (403).</summary>
    Forbidden,
    NotFound,
    /// <summary>Clashes with the current state (409).</summary>
    Conflict,
    TooLarge,
    TooManyRequests,
}

/// <summary>
/// The outcome of a refused request in services shared by the hub and REST (no HTTP result
/// types, no HubException): REST answers it as problem+json, the hub as "NNN Title: detail".
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    public static Refusal Invalid(string field, string message) => Invalid(field, [message]);

    public static Refusal Invalid(string field, IEnumerable<string> messages) => Invalid(new Dictionary<string, string[]> { [field] = messages.ToArray() });

    /// <summary>Field errors; the message reads "field: error field: error …", like REST's 422 detail.</summary>
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RefusalKind.Invalid, string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), errors);

    public static Refusal Unauthorized(string message) => new(RefusalKind.Unauthorized, message, NoFields);
    public static Refusal Forbidden(string message) => new(RefusalKind.Forbidden, message, NoFields);
    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message, NoFields);
    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message, NoFields);
    public static Refusal TooLarge(string message) => new(RefusalKind.TooLarge, message, NoFields);
    public static Refusal TooManyRequests(string message) => new(RefusalKind.TooManyRequests, message, NoFields);

    /// <summary>A failed write as a refusal: a stale check is a conflict to the caller, a revoked writer is unauthorised.</summary>
    public static Refusal From<T>(WriteResult<T> result) => result.Status switch
    {
        WriteStatus.NotFound => NotFound(result.Error ?? "Not found."),
        WriteStatus.Conflict or WriteStatus.Stale => Conflict(result.Error ?? "Conflict."),
        WriteStatus.Revoked => Unauthorized(result.Error ?? "The credential has been revoked."),
        _ => throw new InvalidOperationException("A successful write is not a refusal."),
    };
}
