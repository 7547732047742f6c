using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conflicto.Processing.Schemas;

/// <summary>
/// One validation error as a short sentence naming the field and what it must be, in the words of
/// the schema's own limits (<c>time_limit_seconds must be at least 1</c>), instead of NJsonSchema's
/// error kinds (<c>NumberTooSmall</c>) that the host or participant would have to decode.
/// </summary>
internal static class SchemaErrorText
{
    public static string Describe(ValidationError error)
    {
        var schema = error.Schema?.ActualSchema;
        return $"{Field(error)} {error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NullExpected => "must be null",
            ValidationErrorKind.NoTypeValidates => $"must be {Types(schema)}",
            ValidationErrorKind.StringTooShort when schema?.MinLength is 1 => "must not be empty",
            ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"must be at most {schema?.MaxLength} characters",
            ValidationErrorKind.NumberTooSmall => schema?.ExclusiveMinimum is { } above ? $"must be more than {Number(above)}"
                : schema?.IsExclusiveMinimum == true ? $"must be more than {Number(schema.Minimum)}" : $"must be at least {Number(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => schema?.ExclusiveMaximum is { } below ? $"must be less than {Number(below)}"
                : schema?.IsExclusiveMaximum == true ? $"must be less than {Number(schema.Maximum)}" : $"must be at most {Number(schema?.Maximum)}",
            ValidationErrorKind.NumberNotMultipleOf or ValidationErrorKind.IntegerNotMultipleOf => $"must be a multiple of {Number(schema?.MultipleOf)}",
            ValidationErrorKind.TooFewItems => $"must have at least {schema?.MinItems} {Plural(schema?.MinItems, "item")}",
            ValidationErrorKind.TooManyItems or ValidationErrorKind.TooManyItemsInTuple => $"must have at most {Items(schema)} {Plural(Items(schema), "item")}",
            ValidationErrorKind.ItemsNotUnique => "must not contain the same item twice",
            ValidationErrorKind.NotInEnumeration => $"must be one of: {string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? [])}",
            ValidationErrorKind.PatternMismatch => "is not in the expected format",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not an allowed field",
            ValidationErrorKind.TooFewProperties => $"must have at least {schema?.MinProperties} {Plural(schema?.MinProperties, "field")}",
            ValidationErrorKind.TooManyProperties => $"must have at most {schema?.MaxProperties} {Plural(schema?.MaxProperties, "field")}",
            ValidationErrorKind.DateTimeExpected => "must be a date and time (ISO 8601)",
            ValidationErrorKind.DateExpected => "must be a date (YYYY-MM-DD)",
            ValidationErrorKind.TimeExpected => "must be a time (HH:MM:SS)",
            ValidationErrorKind.TimeSpanExpected => "must be a duration",
            ValidationErrorKind.UriExpected => "must be a URL",
            ValidationErrorKind.EmailExpected => "must be an email address",
            ValidationErrorKind.HostnameExpected => "must be a host name",
            ValidationErrorKind.IpV4Expected or ValidationErrorKind.IpV6Expected => "must be an IP address",
            ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected => "must be a UUID",
            ValidationErrorKind.Base64Expected => "must be base64 text",
            ValidationErrorKind.ExcludedSchemaValidates => "has a value that is not allowed",
            _ => "does not have an allowed shape",
        }}";
    }

    /// <summary>The error's path without NJsonSchema's <c>#/</c> prefix: <c>options[1]</c>, <c>style.color</c>.</summary>
    private static string Field(ValidationError error)
    {
        var path = error.Path?.TrimStart('#', '/') ?? "";
        return path.Length == 0 ? "the document" : path;
    }

    private static string Types(JsonSchema? schema)
    {
        if (schema is null) return "of another type";
        var names = Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && schema.Type.HasFlag(t)).Select(t => t switch
        {
            JsonObjectType.String => "a string",
            JsonObjectType.Number => "a number",
            JsonObjectType.Integer => "an integer",
            JsonObjectType.Boolean => "true or false",
            JsonObjectType.Object => "an object",
            JsonObjectType.Array => "an array",
            JsonObjectType.Null => "null",
            _ => t.ToString().ToLowerInvariant(),
        }).ToList();
        return names.Count == 0 ? "of another type" : string.Join(" or ", names);
    }

    private static int? Items(JsonSchema? schema) => schema is null ? null : schema.MaxItems > 0 ? schema.MaxItems : schema.Items.Count;

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Plural(int? count, string noun) => count == 1 ? noun : noun + "s";
}
