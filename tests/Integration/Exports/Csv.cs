using System.Text;

namespace Conflicto.Tests.Integration.Exports;

/// <summary>A strict RFC 4180 reader for the tests (quoted cells, doubled quotes, CRLF rows): what a spreadsheet reads.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0: quoted = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++; break;
                default: cell.Append(c); break;
            }
        }
        Assert.False(quoted, "the CSV ends inside a quoted cell");
        Assert.True(row.Count == 0 && cell.Length == 0, "the CSV's last row does not end with CRLF");
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }
}
