using System.Diagnostics;

namespace Conflicto.Load.Target;

/// <summary>
/// The server's Release build. Reused when it is newer than every source file under src/
/// (scripts/test.sh has just built the solution); otherwise built once with `dotnet build`.
/// </summary>
public static class ServerBuild
{
    public static string DllPath => Path.Combine(RepoPaths.Root, "src/Server/bin/Release/net10.0/Conflicto.Server.dll");

    public static async Task<string> EnsureAsync(TextWriter log, CancellationToken ct)
    {
        if (IsFresh()) return DllPath;
        log.WriteLine("building src/Server (Release)...");
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "src/Server/Server.csproj", "-c", "Release", "--nologo", "-v", "q"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync(ct);
        var errors = build.StandardError.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"building src/Server failed:\n{await output}\n{await errors}");
        return DllPath;
    }

    private static bool IsFresh()
    {
        if (!File.Exists(DllPath)) return false;
        var built = File.GetLastWriteTimeUtc(DllPath);
        var src = Path.Combine(RepoPaths.Root, "src");
        var newest = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)
                        || f.EndsWith(".sql", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        return built >= newest;
    }
}
