using System.Diagnostics;
using System.Text;

namespace Conflicto.Tests.Integration.Migrations;

/// <summary>Runs the real server binary as a separate OS process with <c>--migrate-only</c>.</summary>
internal static class MigrateOnlyProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public sealed record Outcome(int ExitCode, string Output);

    /// <param name="connectionString">ConnectionStrings__Postgres for the child, or null to leave it unset.</param>
    public static async Task<Outcome> RunAsync(string? connectionString)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        start.ArgumentList.Add("--migrate-only");
        // The child must see only the connection string this test means, never one inherited from the runner.
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("Data__ConnectionString");
        if (connectionString is not null) start.Environment["ConnectionStrings__Postgres"] = connectionString;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"--migrate-only did not exit within {Timeout.TotalSeconds} s. Output:\n{await stdout}\n{await stderr}");
        }
        var output = new StringBuilder().AppendLine(await stdout).AppendLine(await stderr).ToString();
        return new Outcome(process.ExitCode, output);
    }

    /// <summary>The Integration project references Server, so its dll sits beside the tests; else the Server's own bin.</summary>
    private static string ServerDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Conflicto.Server.dll");
        if (File.Exists(beside)) return beside;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var built = Path.Combine(RepositoryRoot.Path, "src", "Server", "bin", configuration, "net10.0", "Conflicto.Server.dll");
        return File.Exists(built) ? built : throw new FileNotFoundException("Conflicto.Server.dll not found; build src/Server first.", built);
    }

    /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH for child processes).</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>The checkout's root: the nearest folder above the test binaries holding Conflicto.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Conflicto.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Conflicto.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The journal names DbUp gives the embedded sql/migrations scripts, in file order.</summary>
    public static IReadOnlyList<string> MigrationScriptNames() =>
        Directory.GetFiles(System.IO.Path.Combine(Path, "sql", "migrations"), "*.sql")
            .Select(f => "Conflicto.Migrations." + System.IO.Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
}
