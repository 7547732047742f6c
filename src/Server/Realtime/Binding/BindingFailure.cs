namespace Conflicto.Server.Realtime.Binding;

/// <summary>
/// A call the hub protocol could not bind (unknown method, wrong number or types of arguments).
/// SignalR answers those itself, with a vague "Failed to invoke … due to an error on the server"
/// that bypasses hub filters and logs nothing above Debug. <see cref="ForgivingHubProtocol"/>
/// instead hands the dispatcher a call to <see cref="Target"/> carrying this, so the hub refuses it
/// with a 400 that says what was wrong, and <see cref="HubCallFilter"/> logs it like any refusal.
/// Clients cannot call <see cref="Target"/> themselves: the protocol turns such calls into
/// unknown-method failures, and this type has no public constructor to deserialise into.
/// </summary>
public sealed class BindingFailure
{
    public const string Target = "$bindingFailure";

    internal BindingFailure(string method, string reason)
    {
        Method = method;
        Reason = reason;
    }

    /// <summary>The method the client asked for.</summary>
    public string Method { get; }

    /// <summary>What was wrong, for the client ("argument 1 (activityId) must be a UUID string").</summary>
    public string Reason { get; }
}
