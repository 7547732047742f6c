namespace Conflicto.Processing.OpenAI;

/// <summary>
/// The JSON Schema draft-07 meta-schema, to check a model-written schema is well-formed: NJsonSchema
/// alone loads almost anything (<c>"type": "bogus"</c>, <c>"required": "a"</c>) and fails only later,
/// while validating responses. Adapted: no <c>$id</c>/<c>$schema</c> (nothing to resolve remotely),
/// boolean schemas written as <c>{}</c>, and <c>format</c> annotations dropped.
/// </summary>
internal static class JsonSchemaMetaSchema
{
    public const string Draft07 = """
        {
          "definitions": {
            "schemaArray": { "type": "array", "minItems": 1, "items": { "$ref": "#" } },
            "nonNegativeInteger": { "type": "integer", "minimum": 0 },
            "simpleTypes": { "enum": ["array", "boolean", "integer", "null", "number", "object", "string"] },
            "stringArray": { "type": "array", "items": { "type": "string" }, "uniqueItems": true },
            "schemaMap": { "type": "object", "additionalProperties": { "$ref": "#" } }
          },
          "type": ["object", "boolean"],
          "properties": {
            "$id": { "type": "string" },
            "$schema": { "type": "string" },
            "$ref": { "type": "string" },
            "$comment": { "type": "string" },
            "title": { "type": "string" },
            "description": { "type": "string" },
            "readOnly": { "type": "boolean" },
            "writeOnly": { "type": "boolean" },
            "examples": { "type": "array" },
            "multipleOf": { "type": "number", "exclusiveMinimum": 0 },
            "maximum": { "type": "number" },
            "exclusiveMaximum": { "type": "number" },
            "minimum": { "type": "number" },
            "exclusiveMinimum": { "type": "number" },
            "maxLength": { "$ref": "#/definitions/nonNegativeInteger" },
            "minLength": { "$ref": "#/definitions/nonNegativeInteger" },
            "pattern": { "type": "string" },
            "additionalItems": { "$ref": "#" },
            "items": { "anyOf": [{ "$ref": "#" }, { "$ref": "#/definitions/schemaArray" }] },
            "maxItems": { "$ref": "#/definitions/nonNegativeInteger" },
            "minItems": { "$ref": "#/definitions/nonNegativeInteger" },
            "uniqueItems": { "type": "boolean" },
            "contains": { "$ref": "#" },
            "maxProperties": { "$ref": "#/definitions/nonNegativeInteger" },
            "minProperties": { "$ref": "#/definitions/nonNegativeInteger" },
            "required": { "$ref": "#/definitions/stringArray" },
            "additionalProperties": { "$ref": "#" },
            "definitions": { "$ref": "#/definitions/schemaMap" },
            "properties": { "$ref": "#/definitions/schemaMap" },
            "patternProperties": { "$ref": "#/definitions/schemaMap" },
            "dependencies": { "type": "object", "additionalProperties": { "anyOf": [{ "$ref": "#" }, { "$ref": "#/definitions/stringArray" }] } },
            "propertyNames": { "$ref": "#" },
            "enum": { "type": "array" },
            "type": {
              "anyOf": [
                { "$ref": "#/definitions/simpleTypes" },
                { "type": "array", "items": { "$ref": "#/definitions/simpleTypes" }, "minItems": 1, "uniqueItems": true }
              ]
            },
            "format": { "type": "string" },
            "contentMediaType": { "type": "string" },
            "contentEncoding": { "type": "string" },
            "if": { "$ref": "#" },
            "then": { "$ref": "#" },
            "else": { "$ref": "#" },
            "allOf": { "$ref": "#/definitions/schemaArray" },
            "anyOf": { "$ref": "#/definitions/schemaArray" },
            "oneOf": { "$ref": "#/definitions/schemaArray" },
            "not": { "$ref": "#" }
          }
        }
        """;
}
