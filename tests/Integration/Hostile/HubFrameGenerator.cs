using System.Text;
using System.Text.Json;
using Conflicto.Server.Realtime.Binding;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// One raw JSON-protocol frame. <see cref="InvocationId"/> is what the server answers to (null:
/// nothing answers, a probe follows); <see cref="MayClose"/> frames are not a valid hub message at
/// all, which the protocol answers by closing the connection.
/// </summary>
public sealed record HubFrame(int Number, string Kind, byte[] Bytes, string? InvocationId, bool MayClose, bool MustBeRefused)
{
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var b in Bytes.Take(300)) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        return $"frame #{Number} [{Kind}] ({Bytes.Length} bytes): {text}{(Bytes.Length > 300 ? "…" : "")}; {HostileRun.Replay}";
    }
}

/// <summary>Hostile frames for every hub method: generated arguments, raw bytes no serializer writes, broken frames and wrong message shapes.</summary>
public static class HubFrameGenerator
{
    public static readonly string[] Kinds = ["arguments", "raw-unstorable", "raw-number", "duplicate-key", "frame-shape", "malformed", "huge"];

    private static readonly JsonSerializerOptions Options = new() { MaxDepth = 10_000 };

    public static HubFrame Make(int number, string kind, HubSignature method, HostileWorld world, Random random)
    {
        var id = "c" + number;
        var call = HubCaseGenerator.Make(number, random.Pick(HubCaseGenerator.Kinds), method, world, false, Credential.None, random);
        string args;
        try { args = JsonSerializer.Serialize(call.Arguments, Options); }
        catch (ArgumentException) { args = "[]"; } // a lone surrogate the serializer will not write: the raw kinds send those
        switch (kind)
        {
            case "arguments":
                // Arguments beyond the hub's message size or the JSON reader's depth (64) are no readable message: closed.
                return Invocation(number, kind, id, call.Method, Encoding.UTF8.GetBytes(args), call.Kind is "huge" or "deep-nesting", call.MustBeRefused);
            case "raw-unstorable":
            {
                var (name, raw) = random.Pick(HostileValues.Unstorable);
                // Raw control or invalid UTF-8 bytes make the frame invalid JSON, which the protocol answers by closing.
                var invalidJson = !name.StartsWith("escaped", StringComparison.Ordinal) && name != "reversed surrogates";
                var real = JsonSerializer.Serialize(HubCaseGenerator.Make(number, "real-ids", method, world, false, Credential.None, random).Arguments);
                var bytes = ReplaceFirstString(real, raw, random) ?? [.. "[\""u8, .. raw, .. "\"]"u8];
                return Invocation(number, kind, id, method.Method, bytes, invalidJson, true);
            }
            case "raw-number":
            {
                var numberText = random.Pick(HostileValues.Numbers);
                var real = JsonSerializer.Serialize(HubCaseGenerator.Make(number, "real-ids", method, world, false, Credential.None, random).Arguments);
                var bytes = Encoding.UTF8.GetBytes(real.Length > 2 ? "[" + numberText + "," + real[1..] : "[" + numberText + "]");
                if (random.Next(2) == 0 && method.Method == "SubmitResponse")
                    bytes = Encoding.UTF8.GetBytes($"[\"{world.ActivePoll}\",{{\"option_index\":{numberText}}},\"k{number}\"]");
                var invalid = numberText is "NaN" or "Infinity" or "-Infinity" or "0x1F" or "-" or "01" or "1." or ".5" or "+1";
                return Invocation(number, kind, id, method.Method, bytes, invalid, numberText.Length > 100 || numberText is "1e999999" or "-1e400" or "1.7976931348623157e309");
            }
            case "duplicate-key":
            {
                var frame = random.Next(2) == 0
                    ? $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"target\":\"LeaveSession\",\"arguments\":{args}}}"
                    : $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"JoinSession\",\"arguments\":[{{\"sessionId\":{world.Session.Id},\"sessionId\":{world.Other.Id}}}]}}";
                return new HubFrame(number, kind, Framed(frame), id, true, false);
            }
            case "frame-shape":
            {
                var frame = random.Next(14) switch
                {
                    0 => $"{{\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args}}}",
                    1 => $"{{\"type\":\"1\",\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args}}}",
                    2 => $"{{\"type\":99,\"invocationId\":\"{id}\"}}",
                    3 => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":42,\"arguments\":{args}}}",
                    4 => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{{\"a\":1}}}}",
                    5 => $"{{\"type\":1,\"invocationId\":7,\"target\":\"{method.Method}\",\"arguments\":{args}}}",
                    6 => $"{{\"type\":1,\"invocationId\":\"{new string('i', 5000)}\",\"target\":\"{method.Method}\",\"arguments\":{args}}}",
                    7 => $"{{\"type\":1,\"invocationId\":\"{id}\",\"arguments\":{args}}}",
                    8 => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\"}}",
                    9 => $"{{\"type\":2,\"invocationId\":\"{id}\",\"item\":1}}",
                    10 => $"{{\"type\":5,\"invocationId\":\"{id}\"}}",
                    11 => $"{{\"type\":4,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args}}}",
                    12 => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args},\"streamIds\":[\"s1\"]}}",
                    _ => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args},\"headers\":{{\"a\":1}}}}",
                };
                return new HubFrame(number, kind, Framed(frame), null, true, false);
            }
            case "malformed":
            {
                var body = random.Next(3) == 0
                    ? Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":{args}}}")[..random.Next(1, 40)]
                    : random.Pick(HostileValues.Malformed);
                return new HubFrame(number, kind, [.. body, 0x1E], null, true, false);
            }
            default: // huge: beyond the hub's message size, or a huge string argument within it
            {
                var size = random.Next(2) == 0 ? 20_000 : 2_000_000;
                var frame = $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method.Method}\",\"arguments\":[\"{new string('h', size)}\"]}}";
                return new HubFrame(number, kind, Framed(frame), id, true, false);
            }
        }
    }

    private static HubFrame Invocation(int number, string kind, string id, string target, byte[] args, bool mayClose, bool mustBeRefused) =>
        new(number, kind, [.. Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":"), .. args, (byte)'}', 0x1E],
            id, mayClose, mustBeRefused);

    private static byte[] Framed(string frame) => [.. Encoding.UTF8.GetBytes(frame), 0x1E];

    /// <summary>The arguments' JSON with the first string value's content replaced by raw bytes.</summary>
    private static byte[]? ReplaceFirstString(string json, byte[] raw, Random random)
    {
        var strings = new List<(int Start, int End)>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '"') continue;
            var end = json.IndexOf('"', i + 1);
            if (end < 0) break;
            if (end + 1 >= json.Length || json[end + 1] != ':') strings.Add((i, end)); // a value, not a key
            i = end;
        }
        if (strings.Count == 0) return null;
        var (start, stop) = strings[random.Next(strings.Count)];
        return [.. Encoding.UTF8.GetBytes(json[..(start + 1)]), .. raw, .. Encoding.UTF8.GetBytes(json[stop..])];
    }
}
