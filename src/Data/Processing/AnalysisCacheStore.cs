using System.Text.Json;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Processing;

/// <summary>Schema analyses by <see cref="AnalysisHash"/>: identical activity schemas are analysed once.</summary>
public sealed class AnalysisCacheStore(NpgsqlDataSource dataSource)
{
    public async Task<JsonElement?> GetAsync(string inputHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JsonElement?>(new CommandDefinition(
            "select result from schema_analysis_cache where input_hash = @inputHash", new { inputHash }, cancellationToken: ct));
    }

    /// <summary>Stores an analysis; when two nodes analysed the same schema at once, the first one stays.</summary>
    public async Task PutAsync(string inputHash, string analyzer, JsonElement result, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into schema_analysis_cache (input_hash, analyzer, result) values (@inputHash, @analyzer, @result) on conflict (input_hash) do nothing",
            new { inputHash, analyzer, result }, cancellationToken: ct));
    }
}
