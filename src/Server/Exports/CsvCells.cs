using System.Text;
using System.Text.RegularExpressions;

namespace Conflicto.Server.Exports;

/// <summary>
/// RFC 4180 cells that open safely in a spreadsheet. A cell that quotes, separates or breaks lines
/// is quoted (its quotes doubled). A cell a spreadsheet would run as a formula (it starts with
/// <c>= + - @</c>, a tab or a carriage return) gets a leading <c>'</c>, so a participant who answers
/// <c>=HYPERLINK(...)</c> shows text, not a link (OWASP "CSV injection"). A plain number
/// (<c>-5</c>, <c>+2.5</c>) is left as it is: a spreadsheet reads it as a number, never a formula.
/// </summary>
public static partial class CsvCells
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (IsFormula(value)) value = "'" + value;
        return value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static bool IsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(value);

    public static void AppendRow(StringBuilder line, IEnumerable<ExportCell> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) line.Append(',');
            line.Append(Escape(cell.Text));
            first = false;
        }
        line.Append("\r\n");
    }

    /// <summary>A text cell of a workbook by the same rule: a leading <c>'</c> when a spreadsheet would run it (numbers are numeric cells there).</summary>
    public static string? Neutralize(string? value) => value is not null && IsFormula(value) ? "'" + value : value;

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
