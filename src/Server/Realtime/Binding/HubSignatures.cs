using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime.Binding;

/// <summary>One parameter of a hub method as clients see it.</summary>
public sealed record HubParameter(string Name, Type Type, bool Optional, object? Default, bool AcceptsNull);

/// <summary>A hub method's parameters; trailing ones with a C# default value may be left out by clients.</summary>
public sealed record HubSignature(string Method, IReadOnlyList<HubParameter> Parameters)
{
    public int Required => Parameters.Count(p => !p.Optional);

    /// <summary>"SubmitResponse(activityId, responseData, idempotencyKey?)"</summary>
    public string Usage => $"{Method}({string.Join(", ", Parameters.Select(p => p.Optional ? p.Name + "?" : p.Name))})";

    public Type[] TypesOfFirst(int count) => Parameters.Take(count).Select(p => p.Type).ToArray();

    /// <summary>The arguments a client sent, followed by the defaults of those it left out.</summary>
    public object?[] Pad(object?[] sent) => [.. sent, .. Parameters.Skip(sent.Length).Select(p => p.Default)];
}

/// <summary>
/// The hub's methods and their parameters, read once by reflection, the way SignalR itself finds
/// them (public instance methods declared on the hub, named by <see cref="HubMethodNameAttribute"/>
/// when present). The protocol uses them to bind calls that leave out optional arguments and to
/// explain calls it cannot bind.
/// </summary>
public sealed class HubSignatures
{
    private readonly Dictionary<string, HubSignature> _methods;

    private HubSignatures(IEnumerable<HubSignature> methods) =>
        _methods = methods.ToDictionary(m => m.Method, StringComparer.OrdinalIgnoreCase); // SignalR matches names case-insensitively

    public IEnumerable<string> Names => _methods.Keys;

    public bool TryGet(string method, out HubSignature signature) => _methods.TryGetValue(method, out signature!);

    public static HubSignatures Of<THub>() where THub : Hub
    {
        var nullability = new NullabilityInfoContext();
        var methods = typeof(THub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(THub))
            .Select(m => new HubSignature(
                m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? m.Name,
                Parameters(m.GetParameters(), nullability)))
            .Where(s => !string.Equals(s.Method, BindingFailure.Target, StringComparison.OrdinalIgnoreCase));
        return new HubSignatures(methods);
    }

    private static HubParameter[] Parameters(ParameterInfo[] parameters, NullabilityInfoContext nullability)
    {
        // Only a trailing run of parameters with defaults can be left out of a positional call.
        var firstOptional = parameters.Length;
        while (firstOptional > 0 && parameters[firstOptional - 1].HasDefaultValue) firstOptional--;
        return parameters.Select((p, i) => new HubParameter(
            p.Name ?? $"arg{i}", p.ParameterType, i >= firstOptional, i >= firstOptional ? DefaultOf(p) : null,
            (!p.ParameterType.IsValueType && nullability.Create(p).WriteState != NullabilityState.NotNull)
                || Nullable.GetUnderlyingType(p.ParameterType) is not null)).ToArray();
    }

    private static object? DefaultOf(ParameterInfo p) =>
        p.DefaultValue is null or DBNull && p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null
            ? Activator.CreateInstance(p.ParameterType)
            : p.DefaultValue is DBNull ? null : p.DefaultValue;

    /// <summary>What a client must send for a parameter, in words ("a UUID string", "an object { sessionId, afterSeq? }").</summary>
    public static string Describe(HubParameter parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var what = type == typeof(Guid) ? "a UUID string"
            : type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(object) ? "any value"
            : $"an object {{ {string.Join(", ", Members(type))} }}";
        return parameter.AcceptsNull && type != typeof(object) ? what + " or null" : what;
    }

    private static IEnumerable<string> Members(Type type)
    {
        var optional = type.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => p.HasDefaultValue)
            .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return type.GetProperties().Select(p => (Property: p, Name: p.GetCustomAttribute<DataMemberAttribute>()?.Name ?? p.Name))
            .Select(m => optional.Contains(m.Property.Name) ? m.Name + "?" : m.Name);
    }
}
