using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conflicto.Server.Infrastructure;

/// <summary>A request-shape failure in words: the field it concerns (null for the body as a whole) and what is wrong.</summary>
public sealed record RequestError(string? Field, string Message);

/// <summary>
/// Rewrites the framework's binding failures, whose texts name .NET types and reader positions
/// ("The JSON value could not be converted to Conflicto.Server.Sessions.SessionCreate. Path:
/// $.max_participants | LineNumber: 0 ..."), as what a client developer needs: the field and what
/// it must be ("max_participants must be an integer").
/// </summary>
public static partial class RequestErrorTexts
{
    /// <param name="endpoint">The endpoint that failed to bind (the exception handler has already cleared it from the context).</param>
    public static RequestError Describe(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions json) => exception.InnerException switch
    {
        JsonException e when e.Message.Contains("maximum configured depth", StringComparison.Ordinal) =>
            new(null, $"The JSON body is nested too deeply: at most {json.MaxDepth} levels are allowed."),
        JsonException e when e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => Mistyped(e, endpoint, json),
        JsonException e => new(null, $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."),
        _ => FromMessage(exception.Message),
    };

    /// <summary>A value of the wrong JSON type: the field from the error's path, its expected type from the endpoint's body type.</summary>
    private static RequestError Mistyped(JsonException e, Endpoint? endpoint, JsonSerializerOptions json)
    {
        var path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (path is null) return new(null, "The request body must be a JSON object.");
        var bodyType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        return Expected(TypeAt(bodyType, path, json)) is { } expected
            ? new(path, $"{path} must be {expected}")
            : new(path, $"{path} has the wrong type");
    }

    /// <summary>Follows a JSON path (<c>a.b[0].c</c>) through the serializer's view of a type; null when it leads nowhere known.</summary>
    private static Type? TypeAt(Type? type, string path, JsonSerializerOptions json)
    {
        foreach (var segment in PathSegments().Matches(path).Select(m => m.Value))
        {
            if (type is null) return null;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.StartsWith('['))
            {
                type = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                continue;
            }
            try
            {
                type = json.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType;
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
            {
                return null;
            }
        }
        return type;
    }

    private static string? Expected(Type? type)
    {
        if (type is null) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "an integer";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(Guid)) return "a UUID";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "a date and time (ISO 8601)";
        if (type.IsEnum) return "one of the documented values";
        if (type == typeof(JsonElement)) return null; // anything is a JsonElement: not this failure
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "an array";
        return "an object";
    }

    /// <summary>Route and query values that do not parse, and required values that are missing.</summary>
    private static RequestError FromMessage(string message)
    {
        if (BindFailure().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var value = bind.Groups["value"].Value;
            return new(name, $"{name} must be {Expected(ParameterType(bind.Groups["type"].Value)) ?? "a valid value"}, not \"{(value.Length > 40 ? value[..40] + "…" : value)}\"");
        }
        if (Missing().Match(message) is { Success: true } missing)
            return missing.Groups["source"].Value == "body"
                ? new(null, "A JSON request body is required.")
                : new(missing.Groups["name"].Value, $"{missing.Groups["name"].Value} is required");
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal)) return new(null, "A JSON request body is required.");
        return new(null, "The request could not be read.");
    }

    /// <summary>The framework names parameter types in C# style: <c>int</c>, <c>Nullable&lt;int&gt;</c>, <c>Guid</c>.</summary>
    private static Type? ParameterType(string name)
    {
        var bare = name.StartsWith("Nullable<", StringComparison.Ordinal) ? name[9..^1] : name.TrimEnd('?');
        return bare switch
        {
            "int" or "Int32" => typeof(int),
            "long" or "Int64" => typeof(long),
            "short" or "Int16" => typeof(short),
            "double" or "Double" => typeof(double),
            "decimal" or "Decimal" => typeof(decimal),
            "bool" or "Boolean" => typeof(bool),
            "Guid" => typeof(Guid),
            "DateTime" => typeof(DateTime),
            "DateTimeOffset" => typeof(DateTimeOffset),
            _ => null,
        };
    }

    [GeneratedRegex("""[^.\[\]]+|\[\d*\]""")]
    private static partial Regex PathSegments();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.""")]
    private static partial Regex Missing();
}
