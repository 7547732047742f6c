using Npgsql;

namespace Conflicto.Load.Target;

/// <summary>A fresh database on the given Postgres for one run, dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private TestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string adminConnectionString, CancellationToken ct)
    {
        var host = new NpgsqlConnectionStringBuilder(adminConnectionString).Host ?? "";
        if (!Loopback.IsLoopbackHost(host))
            throw new InvalidOperationException($"--postgres must point at a loopback host (got '{host}'): the runner only ever targets this machine.");
        var name = $"conflicto_load_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(100000):D5}";
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"create database {name}", conn);
        await cmd.ExecuteNonQueryAsync(ct);
        return new TestDatabase(adminConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists {Name} with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
