using System.Reflection;
using System.Runtime.Serialization;
using Conflicto.Server.Realtime.Binding;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>One hostile hub call: which method, with which arguments, and why they are hostile.</summary>
public sealed record HubCase(int Number, string Kind, string Method, object?[] Arguments, bool MessagePack, Credential Credential, bool MustBeRefused)
{
    public string Describe() =>
        $"case #{Number} [{Kind}] {(MessagePack ? "messagepack" : "json")} as {Credential}: {Method}({string.Join(", ", Arguments.Select(Show))}); {HostileRun.Replay}";

    private static string Show(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => System.Text.Json.JsonSerializer.Serialize(s),
            double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            byte[] b => $"bytes[{b.Length}]",
            System.Collections.IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Take(6).Select(k => $"{Show(k)}: {Show(d[k])}")) + (d.Count > 6 ? ", …" : "") + "}",
            System.Collections.IList l => "[" + string.Join(", ", l.Cast<object?>().Take(6).Select(Show)) + (l.Count > 6 ? $", … ({l.Count} items)" : "") + "]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= 160 ? text : text[..160] + $"…({text.Length} chars)";
    }
}

/// <summary>
/// Makes hostile hub calls for every method the hub has (read from <see cref="HubSignatures"/>, so
/// a method added later is attacked too): real arguments with one of them made hostile, wrong
/// types, wrong counts, and methods that do not exist.
/// </summary>
public static class HubCaseGenerator
{
    public static readonly string[] Kinds =
    [
        "wrong-type", "too-few", "too-many", "hostile-string", "unstorable", "number", "huge", "deep-nesting", "unknown-member", "real-ids", "unknown-method",
    ];

    private static readonly Type[] Scalars = [typeof(Guid), typeof(string), typeof(bool), typeof(int), typeof(long), typeof(object)];

    /// <summary>Parameter types the generator cannot make values for; a new hub method using one fails the coverage test.</summary>
    public static IEnumerable<string> Uncovered(HubSignatures hub) =>
        hub.Names.Select(n => hub.TryGet(n, out var s) ? s : null!).SelectMany(s => s.Parameters
            .Where(p => !Supported(p.Type))
            .Select(p => $"{s.Method}: parameter {p.Name} of type {p.Type.Name} has no hostile generator (tests/Integration/Hostile/HubCaseGenerator.cs)."));

    private static bool Supported(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return Scalars.Contains(type)
            || (type.GetCustomAttribute<DataContractAttribute>() is not null && type.GetProperties().All(p => Supported(p.PropertyType)));
    }

    public static HubCase Make(int number, string kind, HubSignature method, HostileWorld world, bool messagePack, Credential credential, Random random)
    {
        var args = method.Parameters.Select(p => Real(p, world, random)).ToList();
        var mustBeRefused = false;
        var target = method.Method;
        var at = args.Count == 0 ? -1 : random.Next(args.Count);
        switch (kind)
        {
            case "wrong-type" when at >= 0: args[at] = WrongType(method.Parameters[at].Type, random); break;
            case "too-few" when args.Count > 0:
                var keep = random.Next(args.Count);
                args.RemoveRange(keep, args.Count - keep);
                break;
            case "too-few": args.Add(1); break;
            case "too-many": for (var i = random.Next(1, 12); i > 0; i--) args.Add(random.Next(2) == 0 ? "extra" : i); break;
            case "hostile-string" when at >= 0: args[at] = Deep(method.Parameters[at].Type, () => random.Pick(random.Next(2) == 0 ? HostileValues.SqlAndPaths : HostileValues.OddUnicode), random); break;
            case "unstorable" when at >= 0:
                var bad = random.Pick(new[] { "a\0b", "a\ud800b", "\udc00", "k\0", "\0" });
                args[at] = Deep(method.Parameters[at].Type, () => bad, random);
                mustBeRefused = bad.Contains('\0'); // a client library may turn a lone surrogate into U+FFFD before sending it
                mustBeRefused &= Takes(method.Parameters[at].Type, typeof(string)) || Takes(method.Parameters[at].Type, typeof(object));
                break;
            case "number" when at >= 0: args[at] = HostileNumber(random, messagePack); break;
            case "huge" when at >= 0:
                args[at] = random.Next(2) == 0 ? new string('h', random.Next(2) == 0 ? 20_000 : 200_000) : Enumerable.Range(0, random.Next(2) == 0 ? 1000 : 50_000).Cast<object?>().ToList();
                break;
            case "deep-nesting" when at >= 0: args[at] = Nest(random.Next(3) switch { 0 => 40, 1 => 200, _ => 3000 }, random.Next(2) == 0); break;
            case "unknown-member" when at >= 0:
                var map = args[at] as Dictionary<string, object?> ?? new Dictionary<string, object?> { ["value"] = args[at] };
                map[random.Pick(new[] { "__proto__", "$type", "admin", "SessionId", "", "sessionid", "role" })] = random.Next(2) == 0 ? "host" : 1;
                args[at] = map;
                break;
            case "unknown-method":
                target = random.Pick(new[] { "StartQuiz", method.Method.ToLowerInvariant(), method.Method + " ", "$bindingFailure", "OnConnectedAsync", "Dispose", "GetType", "RefuseUnboundCall", "ToString", "x" });
                break;
            case "real-ids":
                break;
        }
        return new HubCase(number, kind, target, [.. args], messagePack, credential, mustBeRefused);
    }

    /// <summary>A value that would be accepted, aimed at the real session.</summary>
    private static object? Real(HubParameter parameter, HostileWorld world, Random random)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var name = parameter.Name.ToLowerInvariant();
        if (type == typeof(Guid)) return (random.Next(3) == 0 ? world.Draft : world.ActivePoll).ToString();
        if (type == typeof(bool)) return random.Next(2) == 0;
        if (type == typeof(int) || type == typeof(long)) return name.Contains("session") ? world.Session.Id : random.Next(0, 3);
        if (type == typeof(string))
            return name switch
            {
                "status" => random.Pick(new[] { "active", "draft", "completed", "paused" }),
                "targetstate" => random.Pick(new[] { "published", "active", "expired", "draft" }),
                "joincode" => world.Session.JoinCode,
                _ => "k-" + random.Next(1_000_000),
            };
        if (type == typeof(object)) return new Dictionary<string, object?> { ["option_index"] = random.Next(0, 3) };
        // A [DataContract] record: its members by their wire names.
        return type.GetProperties().ToDictionary(
            p => p.GetCustomAttribute<DataMemberAttribute>()?.Name ?? p.Name,
            p => p.Name switch
            {
                "SessionId" => (object?)(random.Next(6) == 0 ? world.Other.Id : world.Session.Id),
                "JoinCode" => random.Next(3) == 0 ? world.Session.JoinCode : null,
                _ => random.Next(2) == 0 ? null : Real(new HubParameter(p.Name, p.PropertyType, true, null, true), world, random),
            });
    }

    private static bool Takes(Type type, Type scalar) => (Nullable.GetUnderlyingType(type) ?? type) == scalar
        || type.GetCustomAttribute<DataContractAttribute>() is not null && type.GetProperties().Any(p => Takes(p.PropertyType, scalar));

    /// <summary>A hostile value in place of a parameter; inside a record, in place of one of its members.</summary>
    private static object? Deep(Type type, Func<object?> value, Random random)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object)) return random.Next(2) == 0 ? value() : new Dictionary<string, object?> { ["option_index"] = 0, ["note"] = value(), ["list"] = new List<object?> { value() } };
        if (type.GetCustomAttribute<DataContractAttribute>() is null) return value();
        var members = type.GetProperties().Select(p => p.GetCustomAttribute<DataMemberAttribute>()?.Name ?? p.Name).ToList();
        return new Dictionary<string, object?> { [members[random.Next(members.Count)]] = value() };
    }

    private static object? WrongType(Type type, Random random)
    {
        object?[] values = ["not-a-guid", 12, -1, true, null, 1.5, new List<object?> { 1, 2 }, new Dictionary<string, object?> { ["a"] = 1 }, "", "yes", long.MaxValue];
        var value = random.Pick(values);
        return type == typeof(Guid) && value is string && Guid.TryParse((string)value, out _) ? 7 : value;
    }

    private static object HostileNumber(Random random, bool messagePack)
    {
        object[] values = messagePack
            ? [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.Epsilon, long.MinValue, ulong.MaxValue, int.MinValue, -1, 0.5f, decimal.MaxValue]
            : [double.MaxValue, -double.Epsilon, long.MinValue, ulong.MaxValue, int.MinValue, -1, 0.5, 1e300, decimal.MaxValue];
        var number = random.Pick(values);
        return random.Next(2) == 0 ? number : new Dictionary<string, object?> { ["option_index"] = number, ["rating"] = number };
    }

    private static object Nest(int depth, bool objects)
    {
        object inner = 1;
        for (var i = 0; i < depth; i++) inner = objects ? new Dictionary<string, object?> { ["a"] = inner } : new List<object?> { inner };
        return inner;
    }
}
