using System.Net;

namespace Conflicto.Load.Target;

/// <summary>The runner generates load against this machine only; anything else is refused.</summary>
public static class Loopback
{
    public static bool IsLoopbackHost(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static IReadOnlyList<Uri> ParseUrls(string commaSeparated)
    {
        var urls = commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u.TrimEnd('/'), UriKind.Absolute)).ToList();
        if (urls.Count == 0) throw new FormatException("--url needs at least one URL");
        foreach (var url in urls.Where(u => !IsLoopbackHost(u.Host)))
            throw new FormatException($"--url {url} is not a loopback address: the runner only targets this machine");
        return urls;
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
