using System.Buffers;
using Conflicto.Server.Realtime;
using Conflicto.Server.Realtime.Binding;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>The protocol wrapper, on the real JSON and MessagePack protocols with SessionHub's signatures.</summary>
public sealed class ForgivingHubProtocolTests
{
    private static readonly HubSignatures Hub = HubSignatures.Of<SessionHub>();

    public static TheoryData<string> Protocols => ["json", "messagepack"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void TrailingOptionalArgumentsLeftOut_AreFilledWithTheirDefaults(string protocol)
    {
        var activity = Guid.NewGuid();

        var call = Assert.IsType<InvocationMessage>(RoundTrip(protocol, "TransitionActivity", activity.ToString(), "active"));

        Assert.Equal("TransitionActivity", call.Target);
        Assert.Equal("7", call.InvocationId);
        Assert.Equal([activity, "active", false, false], call.Arguments);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void FullForm_IsParsedAsSent(string protocol)
    {
        var activity = Guid.NewGuid();

        var call = Assert.IsType<InvocationMessage>(RoundTrip(protocol, "TransitionActivity", activity.ToString(), "active", true, true));

        Assert.Equal([activity, "active", true, true], call.Arguments);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void WrongType_BecomesAFailureOfTheSameMethodNamingTheArgument(string protocol)
    {
        var call = Assert.IsType<InvocationMessage>(RoundTrip(protocol, "SubmitResponse", "nope", "data"));

        Assert.Equal("SubmitResponse", call.Target);
        var failure = Assert.IsType<BindingFailure>(call.Arguments[0]);
        Assert.Equal(Hub.TryGet("SubmitResponse", out var signature) ? signature.Parameters.Count : -1, call.Arguments.Length);
        Assert.Equal("SubmitResponse(activityId, responseData, idempotencyKey?): argument 1 (activityId) must be a UUID string.", failure.Reason);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void UnknownMethodOrReservedTarget_GoesToTheReservedTarget(string protocol)
    {
        foreach (var target in new[] { "Nope", BindingFailure.Target })
        {
            var call = Assert.IsType<InvocationMessage>(RoundTrip(protocol, target, "x"));

            Assert.Equal(BindingFailure.Target, call.Target);
            var failure = Assert.IsType<BindingFailure>(Assert.Single(call.Arguments));
            Assert.Equal(target, failure.Method);
            Assert.StartsWith($"There is no hub method '{target}'", failure.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ObjectWhereAScalarBelongs_IsAFailureOfTheSameMethod_NotAClosedConnection(string protocol)
    {
        // Found by the hostile run: SignalR's JSON reader loses its place inside the object and throws.
        foreach (var (target, argument) in new (string, object)[]
        {
            ("GetQuiz", new Dictionary<string, object?> { ["value"] = Guid.NewGuid().ToString(), ["sessionid"] = 1 }),
            ("SetSessionStatus", new Dictionary<string, object?> { ["value"] = "paused", ["admin"] = "host" }),
        })
        {
            var call = Assert.IsType<InvocationMessage>(RoundTrip(protocol, target, argument));

            Assert.Equal(target, call.Target);
            var failure = Assert.IsType<BindingFailure>(call.Arguments[0]);
            Assert.Contains("argument 1", failure.Reason);
        }
    }

    [Fact]
    public void Signatures_ReadTheDefaultsAndNamesOfSessionHub()
    {
        Assert.True(Hub.TryGet("submitresponse", out var submit)); // SignalR matches names case-insensitively
        Assert.Equal(2, submit.Required);
        Assert.Equal("SubmitResponse(activityId, responseData, idempotencyKey?)", submit.Usage);
        Assert.Equal("a string or null", HubSignatures.Describe(submit.Parameters[2]));
        Assert.True(Hub.TryGet("JoinSession", out var join));
        Assert.Equal("an object { sessionId, afterSeq?, joinCode?, version? }", HubSignatures.Describe(join.Parameters[0]));
        Assert.DoesNotContain(BindingFailure.Target, Hub.Names);
    }

    /// <summary>Writes a call with the real protocol, then parses it back through the wrapper.</summary>
    private static HubMessage RoundTrip(string protocolName, string target, params object?[] arguments)
    {
        IHubProtocol inner = protocolName == "json" ? new JsonHubProtocol() : new MessagePackHubProtocol();
        var bytes = new ReadOnlySequence<byte>(inner.GetMessageBytes(new InvocationMessage("7", target, arguments)));
        var protocol = new ForgivingHubProtocol(inner, Hub);

        Assert.True(protocol.TryParseMessage(ref bytes, new SignatureBinder(), out var message));
        Assert.True(bytes.IsEmpty);
        return message;
    }

    /// <summary>Binds like SignalR's own binder: the method's parameter types, or a HubException for an unknown method.</summary>
    private sealed class SignatureBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            Hub.TryGet(methodName, out var signature) ? signature.TypesOfFirst(signature.Parameters.Count)
            : methodName == BindingFailure.Target ? [typeof(BindingFailure)]
            : throw new HubException($"Method '{methodName}' does not exist.");

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
