using System.Text;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// The catalogue of hostile values: JSON fragments (as UTF-8 bytes, so they may be invalid UTF-8),
/// strings for paths, queries and headers. Every list is indexed by a seeded generator.
/// </summary>
public static class HostileValues
{
    /// <summary>Text SQL or a file system would interpret, if anything let it through.</summary>
    public static readonly string[] SqlAndPaths =
    [
        "' OR '1'='1", "'; DROP TABLE sessions; --", "1; SELECT pg_sleep(5)", "\" OR \"\"=\"", "1' UNION SELECT null,version() --",
        "$$; COPY sessions TO PROGRAM 'id'; $$", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "%2e%2e%2f%2e%2e%2f",
        "file:///etc/hosts", "C:\\boot.ini", "\\\\server\\share", "{{7*7}}", "${jndi:ldap://x/a}", "<script>alert(1)</script>",
        "%s%s%s%n", "' AND 1=CAST((SELECT version()) AS int) --",
    ];

    /// <summary>Strings that are not what an id looks like.</summary>
    public static readonly string[] NotIds =
    [
        "0", "-1", "2147483648", "-2147483649", "99999999999999999999999", "1.5", "1e3", "0x10", " 1", "1 ", "+1", "abc", "null", "true",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-fffffffffffff", "{00000000-0000-0000-0000-000000000000}",
        "not-a-uuid", "%00", "%", "%zz", "..", "%2F", "%20", "~", "'", "\"", "🙂", new string('9', 400), new string('a', 2000),
    ];

    /// <summary>Numbers as JSON text: negative, zero, fractional, beyond int/long/double, NaN-like words JSON does not have.</summary>
    public static readonly string[] Numbers =
    [
        "-1", "0", "-0", "0.5", "-0.0", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "1e308", "1.7976931348623157e309", "-1e400", "1e999999", "1e-999999", "4.9e-324", "123456789012345678901234567890",
        new string('9', 5000), "1E2", "-", "01", "1.", ".5", "+1", "NaN", "Infinity", "-Infinity", "0x1F",
    ];

    /// <summary>Strings Postgres cannot store, as raw bytes inside a JSON string (without quotes); each is refused (422).</summary>
    public static readonly (string Name, byte[] Bytes)[] Unstorable =
    [
        ("escaped NUL", "a\\u0000b"u8.ToArray()),
        ("escaped lone high surrogate", "a\\ud800b"u8.ToArray()),
        ("escaped lone low surrogate", "a\\udc00b"u8.ToArray()),
        ("reversed surrogates", "\\udc00\\ud800"u8.ToArray()),
        ("raw CESU-8 surrogate", [0x61, 0xED, 0xA0, 0x80, 0x62]),
        ("stray 0xFF", [0x61, 0xFF, 0x62]),
        ("overlong slash", [0xC0, 0xAF]),
        ("truncated sequence", [0x61, 0xE2, 0x82]),
        ("raw NUL byte", [0x61, 0x00, 0x62]),
        ("code point beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ];

    /// <summary>Storable but odd Unicode: may be accepted, must never be a 500.</summary>
    public static readonly string[] OddUnicode =
    [
        "\u202Eevil\u202C", "a\u200Db", "\uFEFFbom", "e" + string.Concat(Enumerable.Repeat("\u0301", 1000)), "😀👩‍👩‍👧‍👦🏳️‍🌈",
        "\uFFFF\uFFFE", "\u2028\u2029", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u0001\u0002\u001F", "\t\r\n", "", " ", new string('\u3000', 100), "Ω≈ç√∫",
    ];

    /// <summary>Whole bodies that are not JSON or are broken JSON.</summary>
    public static readonly byte[][] Malformed =
    [
        [], " "u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "[1,2"u8.ToArray(), "{\"a\":}"u8.ToArray(), "{'a':1}"u8.ToArray(), "{a:1}"u8.ToArray(),
        "nul"u8.ToArray(), "tru"u8.ToArray(), ","u8.ToArray(), "\"unterminated"u8.ToArray(), "{\"a\":1}}"u8.ToArray(), "{\"a\":1,}"u8.ToArray(),
        "/* c */{}"u8.ToArray(), [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "null"u8.ToArray(), "\"text\""u8.ToArray(),
        "42"u8.ToArray(), "[]"u8.ToArray(), "true"u8.ToArray(), "NaN"u8.ToArray(), "{\"a\":NaN}"u8.ToArray(), "{\"a\":Infinity}"u8.ToArray(),
        "<xml/>"u8.ToArray(), "a=1&b=2"u8.ToArray(), "{\"a\":\"\\x41\"}"u8.ToArray(), "{\"a\":\"\\u12\"}"u8.ToArray(), "{\"\\u0000\":1}"u8.ToArray(),
        "{}{}"u8.ToArray(), "{\"a\":01}"u8.ToArray(), "{\"a\":\"\t\"}"u8.ToArray(), "\0"u8.ToArray(),
    ];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/json; charset=\"\"", "application/jsonx",
        "json", "*/*", "application/*", "application/problem+json", "text/json", "application/json;;;", "APPLICATION/JSON",
    ];

    public static readonly string[] Accepts =
    [
        "text/html", "image/png", "application/xml", "text/plain", "*/*;q=0", "@@@", "application/json;q=abc", "text/*, image/*;q=0.5",
        string.Join(", ", Enumerable.Repeat("text/html;q=0.9", 300)), "application/problem+xml", "",
    ];

    public static T Pick<T>(this Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    /// <summary>A JSON string literal with these raw bytes between the quotes.</summary>
    public static byte[] Quoted(byte[] raw) => [(byte)'"', .. raw, (byte)'"'];

    /// <summary>A JSON string literal of this text (escaped properly).</summary>
    public static byte[] Quoted(string text) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(text));

    public static string QuotedText(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static string HugeString(Random random) => new((char)('a' + random.Next(26)), random.Next(3) switch { 0 => 70_000, 1 => 300_000, _ => 1_100_000 });

    public static byte[] HugeArray(Random random)
    {
        var count = random.Next(2) == 0 ? 10_000 : 200_000;
        var text = new StringBuilder("[");
        for (var i = 0; i < count; i++) text.Append(i == 0 ? "" : ",").Append(random.Next(3) == 0 ? "\"x\"" : "1");
        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    public static byte[] DeepNesting(Random random)
    {
        var depth = random.Next(4) switch { 0 => 65, 1 => 600, 2 => 5_000, _ => 100_000 };
        var objects = random.Next(2) == 0;
        var text = new StringBuilder(depth * 6);
        for (var i = 0; i < depth; i++) text.Append(objects ? "{\"a\":" : "[");
        text.Append('1');
        for (var i = 0; i < depth; i++) text.Append(objects ? '}' : ']');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A JSON value of a random kind (for wrong types).</summary>
    public static byte[] AnyValue(Random random) => Encoding.UTF8.GetBytes(random.Next(9) switch
    {
        0 => "null", 1 => "true", 2 => "\"text\"", 3 => "[]", 4 => "{}", 5 => "[1,\"a\",null]", 6 => "{\"x\":{\"y\":[1]}}", 7 => "-7", _ => "\"\"",
    });
}
