using System.Globalization;
using System.Text;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Regular expressions for response schemas. They must mean the same to the server's validator
/// (.NET <c>Regex</c>, via NJsonSchema) and to browsers (ECMA-262, also in <c>u</c> mode), so they
/// use only the common subset: no inline flags, no <c>\ </c> style escapes, and every character
/// outside printable ASCII written as <c>\uXXXX</c>. In both dialects <c>\s</c> is exactly the
/// white space <see cref="string.Trim()"/> and <see cref="char.IsWhiteSpace(char)"/> know.
/// </summary>
internal static class SchemaPatterns
{
    /// <summary>
    /// A string that, trimmed, equals one of <paramref name="texts"/> (case-insensitively, as
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> compares, when <paramref name="ignoreCase"/>).
    /// </summary>
    public static string TrimmedChoice(IEnumerable<string> texts, bool ignoreCase) =>
        @"^\s*(?:" + string.Join('|', texts.Select(t => Literal(t, ignoreCase))) + @")\s*$";

    /// <summary>Non-empty white space only: what trims to the empty string without being empty.</summary>
    public const string BlankNotEmpty = @"^\s+$";

    /// <summary>
    /// A string with something in it whose length is at most <paramref name="maxLength"/> once
    /// trimmed and once every inner run of white space counts as one character (how word-cloud
    /// words are normalised). Each repetition is one visible character or one run of spaces.
    /// </summary>
    public static string CollapsedLength(int maxLength) =>
        maxLength <= 1 ? @"^\s*\S\s*$" : @"^\s*\S(?:\s+(?=\S)|\S){0," + (maxLength - 1).ToString(CultureInfo.InvariantCulture) + @"}\s*$";

    /// <summary>A string whose trimmed form has between 1 and <paramref name="maxLength"/> characters.</summary>
    public static string TrimmedLength(int maxLength) =>
        maxLength <= 1 ? @"^\s*\S\s*$" : @"^\s*\S(?:[\s\S]{0," + (maxLength - 2).ToString(CultureInfo.InvariantCulture) + @"}\S)?\s*$";

    /// <summary>At least one character that is not white space.</summary>
    public const string NotBlank = @"\S";

    private static string Literal(string text, bool ignoreCase)
    {
        var pattern = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            var variants = ignoreCase && !char.IsSurrogate(c) ? CaseVariants(c) : [c];
            if (variants.Count == 1) AppendEscaped(pattern, c);
            else
            {
                pattern.Append('[');
                foreach (var variant in variants) AppendEscaped(pattern, variant);
                pattern.Append(']');
            }
        }
        return pattern.ToString();
    }

    // OrdinalIgnoreCase treats two characters as equal when their invariant upper cases are; the
    // characters that reach c's upper case in one step are c, its upper and its lower case.
    private static List<char> CaseVariants(char c)
    {
        var upper = char.ToUpperInvariant(c);
        var variants = new List<char> { c };
        foreach (var candidate in (char[])[upper, char.ToLowerInvariant(c), char.ToLowerInvariant(upper)])
            if (!variants.Contains(candidate) && char.ToUpperInvariant(candidate) == upper) variants.Add(candidate);
        variants.Sort();
        return variants;
    }

    private static void AppendEscaped(StringBuilder pattern, char c)
    {
        if (c is >= ' ' and <= '~')
        {
            if (@"\^$.|?*+()[]{}/".Contains(c)) pattern.Append('\\');
            pattern.Append(c);
        }
        else pattern.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }
}
