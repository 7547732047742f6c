using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Operations;

/// <summary>Reads a session's operations as its host, waiting (bounded) for the ones written behind.</summary>
internal static class OperationTesting
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task<JsonNode> ListAsync(this Api api, Api.Session session, string query = "") =>
        await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/operations{(query.Length > 0 ? "?" + query : "")}", adminCode: session.AdminCode);

    /// <summary>The session's operations matching <paramref name="query"/> once at least <paramref name="count"/> of them are written.</summary>
    public static async Task<IReadOnlyList<JsonNode>> WaitForAsync(this Api api, Api.Session session, string query, int count = 1)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var operations = (await api.ListAsync(session, query))["operations"]!.AsArray().Select(o => o!).ToList();
            if (operations.Count >= count) return operations;
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} operation(s) matching '{query}' in session {session.Id}, found {operations.Count}.");
            await Task.Delay(25);
        }
    }

    /// <summary>The one operation matching <paramref name="query"/>.</summary>
    public static async Task<JsonNode> SingleAsync(this Api api, Api.Session session, string query) =>
        Assert.Single(await api.WaitForAsync(session, query));

    public static string Name(string method, string pattern) => "name=" + Uri.EscapeDataString($"{method} {pattern}");

    public static string Text(this JsonNode operation, string field) => operation[field]!.GetValue<string>();

    public static int Int(this JsonNode operation, string field) => operation[field]!.GetValue<int>();
}
