using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime.Binding;

/// <summary>
/// Reads just the envelope of a JSON-protocol frame (<c>{"type":1,"invocationId":…,"target":…}</c>
/// up to its record separator), so a call whose arguments the protocol failed to read can still be
/// answered under its invocation id. Frames that are not well-formed JSON calls are left to the
/// protocol, which closes the connection.
/// </summary>
public static class JsonCallFrame
{
    private const byte RecordSeparator = 0x1e;

    public static bool TryRead(IHubProtocol protocol, ReadOnlySequence<byte> input, out SequencePosition end, out string? invocationId, out string target)
    {
        (end, invocationId, target) = (input.Start, null, "");
        if (protocol.Name != "json" || input.PositionOf(RecordSeparator) is not { } separator) return false;
        var reader = new Utf8JsonReader(input.Slice(input.Start, separator));
        long? type = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read()) return false;
                if (name == "type" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var t)) type = t;
                else if (name == "invocationId" && reader.TokenType == JsonTokenType.String) invocationId = reader.GetString();
                else if (name == "target" && reader.TokenType == JsonTokenType.String) target = reader.GetString() ?? "";
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false; // one object, nothing after it
        }
        catch (JsonException)
        {
            return false;
        }
        end = input.GetPosition(1, separator);
        return type == HubProtocolConstants.InvocationMessageType && target.Length > 0;
    }
}
