using System.Text;
using System.Text.Json.Nodes;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// Makes hostile requests for a route: a well-formed request built from the route's own schema and
/// the real session, then one kind of hostility applied to its path, query, body or headers.
/// </summary>
public sealed class RestCaseGenerator(SchemaSample samples)
{
    private const string Hole = "@@HOSTILE@@";

    public static readonly string[] BodyKinds =
    [
        "malformed", "truncated", "wrong-type", "huge-string", "huge-array", "deep-nesting", "number", "non-uuid", "sql-path",
        "unknown-field", "duplicate-key", "unstorable", "odd-unicode", "content-type",
    ];

    public static readonly string[] OtherKinds =
    [
        "path", "query", "credentials", "header-authorization", "header-admin-code", "header-idempotency-key", "header-content-length", "header-accept", "valid",
    ];

    /// <summary>Well-formed bodies for routes whose schema alone does not make one the handler accepts (the type's configuration).</summary>
    private static readonly Dictionary<string, string> KnownBodies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CreateFrameworkActivity"] = """{"activity_type":"poll","title":"Hostile","configuration":{"question":"Q?","options":["A","B"]}}""",
        ["CreateActivity"] = """{"activity_type":"poll","title":"Hostile","configuration":{"question":"Q?","options":["A","B"]}}""",
        ["ValidateActivityConfiguration"] = """{"activity_type":"poll","configuration":{"question":"Q?","options":["A","B"]}}""",
        ["CreateResponse"] = """{"response_data":{"option_index":0}}""",
        ["SubmitResponse"] = """{"response_data":{"option_index":0}}""",
        ["UpdateResponse"] = """{"response_data":{"option_index":2}}""",
        ["TransitionActivity"] = """{"target_state":"published"}""",
        ["JoinSession"] = """{"nickname":"Mallory"}""",
        ["CreateSession"] = """{"title":"Hostile","max_participants":10}""",
    };

    public IEnumerable<string> KindsFor(RestRoute route) =>
        route.Method is "GET" or "DELETE" or "HEAD" ? [.. OtherKinds, "malformed", "unstorable", "content-type"] : [.. BodyKinds, .. OtherKinds];

    public RestCase Make(int number, string kind, RestRoute route, HostileWorld world, Random random)
    {
        var credential = CredentialFor(route, random, kind == "credentials");
        var path = PathFor(route, world, random, kind == "path");
        var query = QueryFor(route, world, random, kind == "query", credential);
        var baseBody = BaseBody(route, random);
        byte[]? body = baseBody is null ? null : Encoding.UTF8.GetBytes(baseBody.ToJsonString());
        string? contentType = "application/json";
        long? contentLength = null;
        var mustBeRefused = false;
        if (BodyKinds.Contains(kind))
        {
            var target = baseBody as JsonObject ?? [];
            switch (kind)
            {
                case "malformed": body = random.Pick(HostileValues.Malformed); break;
                case "truncated":
                    var whole = Encoding.UTF8.GetBytes(target.ToJsonString());
                    body = whole[..random.Next(Math.Max(1, whole.Length - 1))];
                    break;
                case "wrong-type": body = Replace(target, random, _ => HostileValues.AnyValue(random)); break;
                case "huge-string": body = Replace(target, random, _ => HostileValues.Quoted(HostileValues.HugeString(random))); break;
                case "huge-array": body = Replace(target, random, _ => HostileValues.HugeArray(random)); break;
                case "deep-nesting": body = random.Next(4) == 0 ? HostileValues.DeepNesting(random) : Replace(target, random, _ => HostileValues.DeepNesting(random)); break;
                case "number":
                    var numeral = random.Pick(HostileValues.Numbers);
                    body = Replace(target, random, _ => Encoding.UTF8.GetBytes(numeral));
                    mustBeRefused = numeral is "1e999999" or "-1e400" or "1.7976931348623157e309" || numeral.Length > 100;
                    break;
                case "non-uuid": body = Replace(target, random, _ => HostileValues.Quoted(random.Pick(HostileValues.NotIds)), IdLike); break;
                case "sql-path": body = Replace(target, random, _ => HostileValues.Quoted(random.Pick(HostileValues.SqlAndPaths))); break;
                case "odd-unicode": body = Replace(target, random, _ => HostileValues.Quoted(random.Pick(HostileValues.OddUnicode))); break;
                case "unknown-field": body = UnknownFields(target, random); break;
                case "duplicate-key": body = Duplicate(target, random); break;
                case "unstorable":
                    var (_, raw) = random.Pick(HostileValues.Unstorable);
                    body = random.Next(4) == 0 ? InKey(target, raw) : Replace(target, random, _ => HostileValues.Quoted(raw));
                    mustBeRefused = true;
                    break;
                case "content-type":
                    body ??= Encoding.UTF8.GetBytes(target.ToJsonString());
                    contentType = random.Next(6) == 0 ? null : random.Pick(HostileValues.ContentTypes);
                    break;
            }
        }
        var hostileCase = new RestCase
        {
            Number = number, Kind = kind, Route = route, Url = path + query, Credential = credential, Body = body, ContentType = contentType,
            ContentLength = kind == "header-content-length" && body is not null ? ContentLengthFor(body, random) : contentLength,
            MustBeRefused = mustBeRefused,
        };
        AddCredential(hostileCase, credential, world, random);
        AddHeaders(hostileCase, kind, world, random);
        return hostileCase;
    }

    private JsonNode? BaseBody(RestRoute route, Random random)
    {
        if (route.OperationId is { } id && KnownBodies.TryGetValue(id, out var known)) return JsonNode.Parse(known);
        if (!route.TakesBody) return null;
        return samples.Build(route.BodySchema, random) ?? new JsonObject();
    }

    private static Credential CredentialFor(RestRoute route, Random random, bool any)
    {
        if (any || random.Next(10) < 3) return (Credential)random.Next(Enum.GetValues<Credential>().Length);
        var declared = route.Schemes.Count == 0 ? null : route.Schemes[random.Next(route.Schemes.Count)];
        return declared switch { "AdminCode" => Credential.Host, "ParticipantToken" => Credential.Participant, _ => random.Next(2) == 0 ? Credential.None : Credential.Host };
    }

    private static string PathFor(RestRoute route, HostileWorld world, Random random, bool hostile)
    {
        var path = route.Path;
        var attacked = hostile && route.PathParameters.Count > 0 ? route.PathParameters[random.Next(route.PathParameters.Count)] : null;
        foreach (var parameter in route.PathParameters)
        {
            var value = parameter == attacked
                ? random.Next(3) switch
                {
                    0 => random.Pick(HostileValues.SqlAndPaths),
                    1 => random.Pick(HostileValues.OddUnicode),
                    _ => random.Pick(HostileValues.NotIds),
                }
                : world.RealValue(parameter, random) ?? "1";
            // Ids and odd text are escaped as a client would; raw escapes ("%00", "%2F", "..") go in as they are.
            var raw = value.StartsWith('%') || value == ".." || value.Length == 0;
            path = path.Replace("{" + parameter + "}", raw ? value : Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        if (hostile && attacked is null) path += random.Pick(new[] { "/../../etc/passwd", "%00", "/%2e%2e/", "//", "/x", ";jsessionid=1", "?" });
        return path;
    }

    private static string QueryFor(RestRoute route, HostileWorld world, Random random, bool hostile, Credential credential)
    {
        var parts = new List<string>();
        if (credential == Credential.JoinCode) parts.Add("join_code=" + world.Session.JoinCode);
        foreach (var (name, schema) in route.Query)
        {
            if (!hostile && random.Next(2) == 0) continue;
            var value = hostile && random.Next(3) != 0
                ? random.Next(5) switch
                {
                    0 => random.Pick(HostileValues.SqlAndPaths),
                    1 => random.Pick(HostileValues.OddUnicode),
                    2 => random.Pick(HostileValues.Numbers),
                    3 => random.Pick(HostileValues.NotIds),
                    _ => random.Pick(new[] { "%00", "%ED%A0%80", "%FF", "%C0%AF", "a%00b", "%", "%%", "&", "=" }),
                }
                : Plausible(name, schema, world, random);
            // A long-poll that is allowed to wait would only make the run slow.
            if (name == "wait" && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var wait)
                && wait is > 0 and <= 31) value = "0";
            parts.Add(Uri.EscapeDataString(name) + "=" + (value.Contains('%') ? value : Uri.EscapeDataString(value)));
        }
        if (hostile)
        {
            parts.Add(random.Pick(new[] { "unknown=1", "a[b]=c", "=", "&&", "x=" + new string('q', 5000), "%00=1", "__proto__[x]=1" }));
            if (route.Query.Count > 0 && random.Next(2) == 0) parts.Add(route.Query[0].Name + "=1&" + route.Query[0].Name + "=2"); // repeated
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private static string Plausible(string name, JsonNode? schema, HostileWorld world, Random random)
    {
        if (name == "join_code") return world.Session.JoinCode;
        if (name == "participant_id") return world.Participant.Id.ToString();
        if (schema?["enum"] is JsonArray values && values.Count > 0) return values[random.Next(values.Count)]!.ToString();
        var type = schema?["type"]?.ToJsonString() ?? "";
        return type.Contains("integer") ? random.Next(0, 5).ToString()
            : type.Contains("number") ? "0"
            : type.Contains("boolean") ? (random.Next(2) == 0 ? "true" : "false")
            : "x";
    }

    private static void AddCredential(RestCase c, Credential credential, HostileWorld world, Random random)
    {
        switch (credential)
        {
            case Credential.Host: c.Headers.Add(("X-Admin-Code", world.Session.AdminCode)); break;
            case Credential.OtherHost: c.Headers.Add(("X-Admin-Code", world.Other.AdminCode)); break;
            case Credential.BogusCode: c.Headers.Add(("X-Admin-Code", random.Pick(new[] { "ZZZZZZ", "000000", "' OR 1=1", "a", new string('A', 64) }))); break;
            case Credential.Participant: c.Headers.Add(("Authorization", "Bearer " + world.Participant.Token)); break;
            case Credential.OtherParticipant: c.Headers.Add(("Authorization", "Bearer " + world.OtherParticipant.Token)); break;
            case Credential.RevokedToken: c.Headers.Add(("Authorization", "Bearer " + world.RevokedToken)); break;
            case Credential.BogusToken: c.Headers.Add(("Authorization", "Bearer " + random.Pick(new[] { "cpt_", "cpt_x", "not-a-token", "cpt_" + new string('x', 500) }))); break;
        }
    }

    private static void AddHeaders(RestCase c, string kind, HostileWorld world, Random random)
    {
        switch (kind)
        {
            case "header-authorization":
                c.Headers.RemoveAll(h => h.Name == "Authorization");
                c.Headers.Add(("Authorization", random.Next(11) switch
                {
                    0 => "Bearer " + new string('a', 20_000),
                    1 => "Bearer",
                    2 => "Bearer ",
                    3 => "Basic Zm9vOmJhcg==",
                    4 => $"Bearer {world.Participant.Token} {world.Participant.Token}",
                    5 => "Bearer " + world.Participant.Token + "x",
                    6 => "bearer " + world.Participant.Token.ToUpperInvariant(),
                    7 => "Bearer " + world.Participant.Token[..^1],
                    8 => "Bearer ' OR 1=1 --",
                    9 => "Digest username=\"x\", realm=\"y\"",
                    _ => "Bearer é\u00ff",
                }));
                if (random.Next(4) == 0) c.Headers.Add(("Authorization", "Bearer " + world.OtherParticipant.Token)); // two values
                break;
            case "header-admin-code":
                c.Headers.RemoveAll(h => h.Name == "X-Admin-Code");
                c.Headers.Add(("X-Admin-Code", random.Next(8) switch
                {
                    0 => new string('A', 20_000),
                    1 => world.Session.AdminCode.ToLowerInvariant(),
                    2 => " " + world.Session.AdminCode + " ",
                    3 => "",
                    4 => world.Session.AdminCode + world.Session.AdminCode,
                    5 => world.Session.AdminCode[..5],
                    6 => "é" + world.Session.AdminCode[1..],
                    _ => random.Pick(HostileValues.SqlAndPaths),
                }));
                if (random.Next(3) == 0) c.Headers.Add(("X-Admin-Code", world.Other.AdminCode)); // two values
                break;
            case "header-idempotency-key":
                c.Headers.Add(("Idempotency-Key", random.Next(7) switch
                {
                    0 => new string('k', 20_000),
                    1 => "",
                    2 => "a\0b",
                    3 => random.Pick(HostileValues.SqlAndPaths),
                    4 => "🙂",
                    5 => "k k",
                    _ => Guid.NewGuid().ToString(),
                }));
                if (random.Next(3) == 0) c.Headers.Add(("Idempotency-Key", "second"));
                break;
            case "header-accept":
                c.Headers.Add(("Accept", random.Pick(HostileValues.Accepts)));
                break;
        }
    }

    private static long ContentLengthFor(byte[] body, Random random) => random.Next(3) switch
    {
        0 => body.Length + 1 + random.Next(100),
        1 => Math.Max(0, body.Length - 1 - random.Next(Math.Max(1, body.Length / 2))),
        _ => 0,
    };

    private static bool IdLike(string name) => name.EndsWith("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_index", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body with one property (anywhere in it) replaced by raw bytes; a body with no property becomes those bytes.</summary>
    private static byte[] Replace(JsonObject body, Random random, Func<string, byte[]> value, Func<string, bool>? prefer = null)
    {
        var copy = body.DeepClone().AsObject();
        var slots = Slots(copy).ToList();
        if (slots.Count == 0) return random.Next(2) == 0 ? value("") : [.. "{\"value\":"u8, .. value(""), (byte)'}'];
        var preferred = prefer is null ? slots : slots.Where(s => prefer(s.Name)).ToList();
        var (parent, name) = (preferred.Count > 0 ? preferred : slots)[random.Next((preferred.Count > 0 ? preferred : slots).Count)];
        parent[name] = Hole;
        return Fill(copy.ToJsonString(), value(name));
    }

    private static IEnumerable<(JsonObject Parent, string Name)> Slots(JsonObject node)
    {
        foreach (var (name, child) in node.ToList())
        {
            yield return (node, name);
            if (child is JsonObject inner) foreach (var slot in Slots(inner)) yield return slot;
            if (child is JsonArray array) foreach (var item in array.OfType<JsonObject>()) foreach (var slot in Slots(item)) yield return slot;
        }
    }

    private static byte[] Fill(string json, byte[] value)
    {
        var at = json.IndexOf("\"" + Hole + "\"", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. value, .. Encoding.UTF8.GetBytes(json[(at + Hole.Length + 2)..])];
    }

    private static byte[] UnknownFields(JsonObject body, Random random)
    {
        var copy = body.DeepClone().AsObject();
        var extra = random.Pick(new[] { "__proto__", "constructor", "$type", "", "zzz_unknown", "id", "session_id", "admin_code", "status", new string('k', 5000) });
        copy[extra] = random.Next(3) switch { 0 => new JsonObject { ["isAdmin"] = true }, 1 => "System.Object", _ => JsonValue.Create(1) };
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static byte[] Duplicate(JsonObject body, Random random)
    {
        var json = body.ToJsonString();
        var key = body.Count > 0 ? body.ElementAt(random.Next(body.Count)).Key : "title";
        var twice = Encoding.UTF8.GetBytes($"{{{HostileValues.QuotedText(key)}:").Concat(HostileValues.AnyValue(random)).ToArray();
        return json.Length > 2 ? [.. twice, (byte)',', .. Encoding.UTF8.GetBytes(json[1..])] : [.. twice, (byte)'}'];
    }

    private static byte[] InKey(JsonObject body, byte[] raw)
    {
        var json = body.ToJsonString();
        byte[] key = [.. HostileValues.Quoted(raw), (byte)':', (byte)'1'];
        return json.Length > 2 ? [(byte)'{', .. key, (byte)',', .. Encoding.UTF8.GetBytes(json[1..])] : [(byte)'{', .. key, (byte)'}'];
    }
}
