namespace Conflicto.Tests.Integration.Hostile;

/// <summary>What an error body must never show: stack traces, exception types, driver names, SQL, source paths.</summary>
public static class Internals
{
    private static readonly string[] Markers =
    [
        "Exception", "   at ", "StackTrace", "Npgsql", "SqlState", "pg_catalog", "SELECT ", "INSERT INTO", "UPDATE ",
        "DELETE FROM", " WHERE ", ".cs:line", ".cs:", "/src/", "/work/", "/home/", "/tmp/", "C:\\", "System.", "Microsoft.", "Conflicto.",
        "Newtonsoft", "Dapper", "StackExchange", "An unexpected error occurred",
    ];

    /// <summary>The first marker in <paramref name="body"/> that the request did not send itself (an echo of hostile input is not a leak).</summary>
    public static string? Leak(string body, string request) =>
        Markers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal) && !request.Contains(m, StringComparison.Ordinal));
}
