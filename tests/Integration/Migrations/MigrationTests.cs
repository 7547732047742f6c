using Conflicto.Data.Migrations;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conflicto.Tests.Integration.Migrations;

/// <summary>Each test gets a fresh, empty database: migrations are applied from nothing.</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private static readonly string[] ExpectedTables = ["sessions", "activities", "participants", "user_responses", "session_events", "media", "media_content"];

    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateAsync("conflicto_migrations");

    public Task DisposeAsync() => TestDatabase.DropAsync(_connectionString);

    private static MigrationRunner Runner(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<MigrationRunner>.Instance);

    [Fact]
    public void RepositoryRoot_HasMigrationScripts()
    {
        Assert.NotEmpty(RepositoryRoot.MigrationScriptNames());
    }

    [Fact]
    public async Task ApplyAsync_Twice_AppliesEveryScriptOnceThenNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var scripts = RepositoryRoot.MigrationScriptNames();

        var first = await Runner(dataSource).ApplyAsync();
        var second = await Runner(dataSource).ApplyAsync();

        Assert.Equal(scripts, first);
        Assert.Empty(second);
        await AssertJournalHoldsEachScriptOnceAsync(scripts);
        await AssertTablesExistAsync();
        await AssertNoAdvisoryLockIsHeldAsync();
    }

    [Fact]
    public async Task ApplyAsync_TwoRunnersAtOnce_OneAppliesEverythingAndTheOtherNothing()
    {
        await using var one = NpgsqlDataSource.Create(_connectionString);
        await using var two = NpgsqlDataSource.Create(_connectionString);
        var scripts = RepositoryRoot.MigrationScriptNames();

        var results = await Task.WhenAll(
            Task.Run(() => Runner(one).ApplyAsync()),
            Task.Run(() => Runner(two).ApplyAsync()));

        Assert.Single(results, applied => applied.Count == 0);
        Assert.Single(results, applied => applied.SequenceEqual(scripts));
        await AssertJournalHoldsEachScriptOnceAsync(scripts);
        await AssertTablesExistAsync();
        await AssertNoAdvisoryLockIsHeldAsync();
    }

    [Fact]
    public async Task ApplyAsync_WhenAScriptFails_ThrowsNamingItAndReleasesTheLock()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("create table sessions (id integer)"); // 0001 will collide with it

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner(dataSource).ApplyAsync());

        Assert.Contains("0001_create_sessions", error.Message);
        await AssertNoAdvisoryLockIsHeldAsync();
        await using var check = await dataSource.OpenConnectionAsync();
        // The journal table is created inside the failed script's transaction, so it may not exist at all.
        if (await check.ExecuteScalarAsync<bool>("select to_regclass('schemaversions') is not null"))
            Assert.Equal(0, await check.ExecuteScalarAsync<long>("select count(*) from schemaversions"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("select count(*) from information_schema.tables where table_name = 'activities'"));
    }

    [Fact]
    public async Task MigrateOnly_TwoProcessesAtOnce_BothSucceedAndEachScriptIsJournaledOnce()
    {
        var outcomes = await Task.WhenAll(MigrateOnlyProcess.RunAsync(_connectionString), MigrateOnlyProcess.RunAsync(_connectionString));

        Assert.All(outcomes, outcome => Assert.True(outcome.ExitCode == 0, $"exit code {outcome.ExitCode}:\n{outcome.Output}"));
        await AssertJournalHoldsEachScriptOnceAsync(RepositoryRoot.MigrationScriptNames());
        await AssertTablesExistAsync();
        await AssertNoAdvisoryLockIsHeldAsync();
    }

    [Fact]
    public async Task MigrateOnly_WithoutConnectionString_FailsNamingTheSetting()
    {
        var outcome = await MigrateOnlyProcess.RunAsync(connectionString: null);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres", outcome.Output);
    }

    private async Task AssertJournalHoldsEachScriptOnceAsync(IReadOnlyList<string> scripts)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var journaled = (await connection.QueryAsync<string>("select scriptname from schemaversions order by scriptname")).ToList();
        Assert.Equal(scripts, journaled);
    }

    private async Task AssertTablesExistAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var tables = (await connection.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public'")).ToHashSet();
        Assert.All(ExpectedTables, table => Assert.Contains(table, tables));
    }

    private async Task AssertNoAdvisoryLockIsHeldAsync()
    {
        // Pooled connections stay open, so a lock that was never released would still show here.
        await using var connection = new NpgsqlConnection(_connectionString);
        var held = await connection.ExecuteScalarAsync<long>(
            "select count(*) from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())");
        Assert.Equal(0, held);
    }
}
