using System.Reflection;
using System.Text.RegularExpressions;

namespace Conflicto.Tests.Unit.Docs;

/// <summary>
/// docs/operations.md's "Configuration reference" lists every key: each options class bound in
/// src/ with <c>AddOptions&lt;T&gt;().BindConfiguration(section)</c> is found in the sources, and
/// each of its public settable properties must appear there as <c>`Section:Property`</c>.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private static readonly Assembly[] Assemblies =
        new[] { "Conflicto.Server", "Conflicto.Processing", "Conflicto.Data" }.Select(name => Assembly.Load(name)).ToArray();

    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\(\)\s*\.BindConfiguration\((?<section>[^)]+)\)")]
    private static partial Regex Binding();

    [Fact]
    public void EveryBoundOptionProperty_IsInTheReference()
    {
        var root = RepoRoot();
        var reference = File.ReadAllText(Path.Combine(root, "docs", "operations.md"));
        var start = reference.IndexOf("## Configuration reference", StringComparison.Ordinal);
        var end = reference.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        reference = reference[start..(end < 0 ? reference.Length : end)];

        var bindings = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => Binding().Matches(File.ReadAllText(file)))
            .Select(match => (Type: TypeNamed(match.Groups["type"].Value), Section: SectionOf(match.Groups["section"].Value.Trim())))
            .Distinct()
            .ToList();
        Assert.True(bindings.Count >= 10, $"only {bindings.Count} BindConfiguration calls found: has the pattern changed?");

        var keys = bindings.SelectMany(binding => binding.Type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetSetMethod() is not null)
            .Select(property => $"{binding.Section}:{property.Name}")).ToList();
        var missing = keys.Where(key => !reference.Contains($"`{key}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/operations.md#configuration-reference does not list: {string.Join(", ", missing)}");
    }

    /// <summary>A string literal, or a constant such as <c>MetricsOptions.Section</c>.</summary>
    private static string SectionOf(string argument)
    {
        if (argument.StartsWith('"')) return argument.Trim('"');
        var dot = argument.LastIndexOf('.');
        var field = TypeNamed(argument[..dot]).GetField(argument[(dot + 1)..], BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"no constant {argument}");
        return (string)field.GetValue(null)!;
    }

    private static Type TypeNamed(string name)
    {
        var simple = name[(name.LastIndexOf('.') + 1)..];
        var types = Assemblies.SelectMany(assembly => assembly.GetTypes()).Where(type => type.Name == simple).ToList();
        return types.Count == 1 ? types[0] : throw new InvalidOperationException($"{types.Count} types named {simple}");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conflicto.sln"))) return dir.FullName;
        throw new InvalidOperationException("Conflicto.sln not found above " + AppContext.BaseDirectory);
    }
}
