using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Conflicto.Load.Clients;

/// <summary>The REST API (docs/api.md) over one shared HttpClient; failures throw with the status and body.</summary>
public sealed class RestClient(HttpClient http)
{
    /// <summary>Concurrent HTTP connections per node: more calls than this wait in the client.</summary>
    public const int MaxConnectionsPerServer = 256;

    public static HttpClient CreateHttp() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = MaxConnectionsPerServer,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    }) { Timeout = TimeSpan.FromSeconds(30) };

    public Task<JsonNode> PostAsync(Uri node, string path, object body, string? adminCode = null, string? bearer = null) =>
        SendAsync(HttpMethod.Post, node, path, body, adminCode, bearer);

    public Task<JsonNode> GetAsync(Uri node, string path) => SendAsync(HttpMethod.Get, node, path, null, null, null);

    private async Task<JsonNode> SendAsync(HttpMethod method, Uri node, string path, object? body, string? adminCode, string? bearer)
    {
        using var request = new HttpRequestMessage(method, new Uri(node, path));
        if (body is not null) request.Content = JsonContent.Create(body);
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var answer = await http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)answer.StatusCode} {Truncate(text)}", null, answer.StatusCode);
        return JsonNode.Parse(text) ?? throw new HttpRequestException($"{method} {path}: empty answer");
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
