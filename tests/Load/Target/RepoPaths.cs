namespace Conflicto.Load.Target;

public static class RepoPaths
{
    /// <summary>The folder holding Conflicto.sln, searched upwards from the working directory, then from the binary.</summary>
    public static string Root { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Run from inside the Conflicto repository (Conflicto.sln not found).");

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conflicto.sln"))) return dir.FullName;
        return null;
    }
}
