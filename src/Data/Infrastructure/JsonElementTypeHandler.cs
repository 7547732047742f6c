using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Conflicto.Data.Infrastructure;

/// <summary>Maps <see cref="JsonElement"/> to and from <c>jsonb</c> columns.</summary>
internal sealed class JsonElementTypeHandler : SqlMapper.TypeHandler<JsonElement>
{
    public override void SetValue(IDbDataParameter parameter, JsonElement value)
    {
        parameter.Value = value.ValueKind == JsonValueKind.Undefined ? "{}" : value.GetRawText();
        if (parameter is NpgsqlParameter npgsql) npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
    }

    public override JsonElement Parse(object value) => value switch
    {
        string text => Json.Parse(text),
        JsonElement element => element,
        _ => throw new DataException($"Cannot read {value.GetType().Name} as JSON."),
    };
}
