using Conflicto.Data.Migrations;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using DbUp;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conflicto.Tests.Integration.Migrations;

/// <summary>Migration 0014 on a database that already holds participants: each session's kept count starts as its present participants.</summary>
public sealed class ParticipantCountBackfillTests : IAsyncLifetime
{
    private const string Migration = "0014_add_session_participant_count.sql";

    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("conflicto_backfill");

    public Task DisposeAsync() => TestDatabase.DropAsync(_database);

    [Fact]
    public async Task Migration0014_OnSessionsWithParticipants_CountsThoseStillPresent()
    {
        var before = DeployChanges.To.PostgresqlDatabase(_database)
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly,
                name => name.EndsWith(".sql", StringComparison.Ordinal) && string.CompareOrdinal(name, "Conflicto.Migrations." + Migration) < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(before.Successful, before.Error?.Message);

        await using var connection = new NpgsqlConnection(_database);
        var busy = await connection.ExecuteScalarAsync<int>("insert into sessions (title, join_code, admin_code) values ('Busy', 'JNBUSY01', 'HSTBSY') returning id");
        var empty = await connection.ExecuteScalarAsync<int>("insert into sessions (title, join_code, admin_code) values ('Empty', 'JNEMPTY1', 'HSTEMP') returning id");
        await connection.ExecuteAsync("""
            insert into participants (session_id, nickname) values (@busy, 'Ada'), (@busy, 'Bob'), (@busy, 'Cleo');
            insert into participants (session_id, nickname, left_at) values (@busy, 'Gone', now()), (@empty, 'Also gone', now());
            """, new { busy, empty });

        await using (var dataSource = NpgsqlDataSource.Create(_database))
        {
            var applied = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            Assert.Equal("Conflicto.Migrations." + Migration, applied.First());
        }

        var counts = (await connection.QueryAsync<(int Id, int Count)>("select id, participant_count from sessions")).ToDictionary(r => r.Id, r => r.Count);
        Assert.Equal(new Dictionary<int, int> { [busy] = 3, [empty] = 0 }, counts);
    }
}
