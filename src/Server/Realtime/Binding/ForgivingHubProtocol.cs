using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime.Binding;

/// <summary>
/// Wraps a hub protocol (JSON, MessagePack) for two things SignalR does not do:
/// <list type="bullet">
/// <item>Optional arguments. SignalR demands exactly as many arguments as the method has
/// parameters, defaults or not (dotnet/aspnetcore#8853), so <c>TransitionActivity(id, "active")</c>
/// fails. When binding fails for a method whose trailing parameters have C# defaults, the same
/// bytes are parsed again as if the method had fewer parameters, and the defaults are filled in.</item>
/// <item>Binding errors that say what is wrong. A call that still does not bind becomes a
/// <see cref="BindingFailure"/> call (see there), refused with "400 Bad Request: …" naming the
/// argument, found by parsing again with one real parameter type at a time.</item>
/// </list>
/// Only failed parses are parsed again, so a well-formed call costs nothing extra.
/// </summary>
public sealed class ForgivingHubProtocol(IHubProtocol inner, HubSignatures hub) : IHubProtocol
{
    /// <summary>How many arguments beyond a method's parameters we try when counting what a client sent.</summary>
    private const int ExtraArgumentsCounted = 8;

    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;
    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var start = input;
        try
        {
            // A message of a type this server does not know is skipped by the inner protocol, which then answers
            // "no message yet": go on with what follows, or the next call would wait for more bytes to arrive.
            while (!inner.TryParseMessage(ref input, binder, out message))
            {
                if (input.Length == 0 || input.Start.Equals(start.Start)) return false;
                start = input;
            }
        }
        catch (InvalidDataException) when (JsonCallFrame.TryRead(inner, start, out var end, out var invocationId, out var target))
        {
            // A well-formed call whose argument SignalR's JSON reader failed to convert mid-object (it then loses its
            // place and throws, which would close the connection): refused like any call that does not bind.
            input = start.Slice(end);
            var bytes = start.Slice(start.Start, end);
            message = IsReserved(target) || !hub.TryGet(target, out var known)
                ? Refuse(invocationId, target, null, null, UnknownMethod(target))
                : Refuse(invocationId, target, null, known, Explain(bytes, binder, known));
            return true;
        }
        message = message switch
        {
            InvocationMessage call when IsReserved(call.Target) => Refuse(call.InvocationId, call.Target, call.Headers, null, UnknownMethod(call.Target)),
            InvocationBindingFailureMessage failure => Recover(start.Slice(start.Start, input.Start), binder, failure),
            _ => message,
        };
        return true;
    }

    private HubMessage Recover(ReadOnlySequence<byte> bytes, IInvocationBinder binder, InvocationBindingFailureMessage failure)
    {
        if (IsReserved(failure.Target) || !hub.TryGet(failure.Target, out var signature))
            return Refuse(failure.InvocationId, failure.Target, failure.Headers, null, UnknownMethod(failure.Target));

        for (var count = signature.Required; count < signature.Parameters.Count; count++)
        {
            if (Parse(bytes, binder, signature.TypesOfFirst(count)) is InvocationMessage shorter && shorter.Arguments.Length == count)
                return new InvocationMessage(shorter.InvocationId, shorter.Target, signature.Pad(shorter.Arguments), shorter.StreamIds) { Headers = shorter.Headers };
        }
        return Refuse(failure.InvocationId, failure.Target, failure.Headers, signature, Explain(bytes, binder, signature));
    }

    /// <summary>Says which argument is wrong: first how many were sent, then which ones do not bind.</summary>
    private string Explain(ReadOnlySequence<byte> bytes, IInvocationBinder binder, HubSignature signature)
    {
        int? sent = null;
        for (var n = 0; n <= signature.Parameters.Count + ExtraArgumentsCounted && sent is null; n++)
            if (Parse(bytes, binder, Enumerable.Repeat(typeof(object), n).ToArray()) is InvocationMessage) sent = n;

        if (sent is not { } count || count < signature.Required || count > signature.Parameters.Count)
        {
            var expected = signature.Required == signature.Parameters.Count
                ? $"{signature.Required}"
                : $"{signature.Required} to {signature.Parameters.Count}";
            return $"{signature.Method} takes {expected} argument(s), {signature.Usage}, but was sent {sent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "more"}.";
        }

        var wrong = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var types = Enumerable.Range(0, count).Select(j => j == i ? signature.Parameters[j].Type : typeof(object)).ToArray();
            if (Parse(bytes, binder, types) is not InvocationMessage)
                wrong.Add($"argument {i + 1} ({signature.Parameters[i].Name}) must be {HubSignatures.Describe(signature.Parameters[i])}");
        }
        return wrong.Count > 0
            ? $"{signature.Usage}: {string.Join("; ", wrong)}."
            : $"{signature.Usage}: the arguments could not be read.";
    }

    private string UnknownMethod(string target) => $"There is no hub method '{target}'. The methods are {string.Join(", ", hub.Names)}.";

    private HubMessage? Parse(ReadOnlySequence<byte> bytes, IInvocationBinder binder, Type[] parameterTypes)
    {
        var copy = bytes;
        try
        {
            return inner.TryParseMessage(ref copy, new FixedParameters(binder, parameterTypes), out var message) ? message : null;
        }
        catch (InvalidDataException)
        {
            return null; // the reader lost its place in an argument of the wrong type: that argument does not bind
        }
    }

    private static bool IsReserved(string? target) => string.Equals(target, BindingFailure.Target, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A call of the method itself carrying the failure as its first argument (the hub filter
    /// refuses it before the method runs, and SignalR's error text names the method the client
    /// called); methods without parameters and unknown ones go to <see cref="BindingFailure.Target"/>.
    /// </summary>
    private static InvocationMessage Refuse(string? invocationId, string target, IDictionary<string, string>? headers, HubSignature? signature, string reason)
    {
        var failure = new BindingFailure(target, reason);
        return signature is { Parameters.Count: > 0 }
            ? new(invocationId, target, [failure, .. new object?[signature.Parameters.Count - 1]]) { Headers = headers }
            : new(invocationId, BindingFailure.Target, [failure]) { Headers = headers };
    }

    /// <summary>The real binder, except that the invoked method takes the given parameter types.</summary>
    private sealed class FixedParameters(IInvocationBinder inner, Type[] parameterTypes) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => parameterTypes;
        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);
        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);
        public string? GetTarget(ReadOnlySpan<byte> utf8Bytes) => inner.GetTarget(utf8Bytes);
    }
}

/// <summary>
/// Hands every hub connection a <see cref="ForgivingHubProtocol"/> around the registered protocol
/// of its choice. Replacing the resolver (rather than the <see cref="IHubProtocol"/> registrations)
/// keeps working whatever order the protocols were added in.
/// </summary>
public sealed class ForgivingHubProtocolResolver : IHubProtocolResolver
{
    private readonly Dictionary<string, IHubProtocol> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ForgivingHubProtocolResolver(IEnumerable<IHubProtocol> protocols, HubSignatures hub)
    {
        foreach (var protocol in protocols) _byName[protocol.Name] = new ForgivingHubProtocol(protocol, hub); // the last registered wins, as in SignalR's own resolver
        AllProtocols = [.. _byName.Values];
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        _byName.TryGetValue(protocolName, out var protocol)
            && (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            ? protocol
            : null;
}
