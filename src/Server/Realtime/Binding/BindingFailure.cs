namespace Conflicto.Server.Realtime.Binding;

/// <summary>
/// A call the hub protocol could not bind (unknown method, wrong number or types of arguments).
/// SignalR answers those itself, with a vague "Failed to invoke … due to an error on the server"
/// that bypasses hub filters and logs nothing above Debug. <see cref="ForgivingHubProtocol"/>
/// instead hands the dispatcher a call carrying this as its first argument: to the method itself
/// (which <see cref="HubCallFilter"/> refuses before it runs) or, for unknown methods and methods
/// without parameters, to <see cref="Target"/>. Either way the client gets a 400 that says what
/// was wrong, and the refusal is logged like any other. Clients cannot send one themselves: the
/// protocol turns calls of <see cref="Target"/> into unknown-method failures, and this type has no
/// public constructor to deserialise into.
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
