using Conflicto.Data.Migrations;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Dapper;
using DbUp;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conflicto.Tests.Integration.Trust;

/// <summary>
/// Migration 0012 on a database that already holds responses: those given to anonymous activities
/// (or asked anonymously) read as anonymous afterwards, through the server's own routes.
/// </summary>
public sealed class ResponseAnonymousBackfillTests : IAsyncLifetime
{
    private const string Migration = "0012_add_response_anonymous.sql";

    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("conflicto_backfill");

    public Task DisposeAsync() => TestDatabase.DropAsync(_database);

    [Fact]
    public async Task Migration0012_OnResponsesStoredBefore_RecordsThemAsTheirActivityWas()
    {
        ApplyMigrationsBefore(Migration);
        var seeded = await SeedAsync();

        await using (var dataSource = NpgsqlDataSource.Create(_database))
        {
            // 0012 runs first; later migrations (0013 onwards) follow it in the same run.
            var applied = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            Assert.Equal("Conflicto.Migrations." + Migration, applied.First());
        }

        await using var connection = new NpgsqlConnection(_database);
        var recorded = (await connection.QueryAsync<(Guid Id, bool Anonymous)>("select id, anonymous from user_responses")).ToDictionary(r => r.Id, r => r.Anonymous);
        Assert.Equal(seeded.Expected, recorded);

        // And the server reads them so: the host of the session sees no name on an anonymous one.
        var node = await ProcessingApiFactory.StartAsync(new Dictionary<string, string> { ["Processing:Enabled"] = "false" }, _database);
        try
        {
            var api = node.Api();
            foreach (var (activity, responses) in seeded.ByActivity)
            {
                var listed = TrustTesting.Authors((await api.GetJsonAsync(
                    $"/api/v1/sessions/{seeded.SessionId}/activities/{activity}/responses", adminCode: seeded.AdminCode))["responses"]);
                Assert.Equal(responses.ToDictionary(r => r, r => seeded.Expected[r] ? null : (int?)seeded.ParticipantId), listed);
            }
        }
        finally
        {
            await node.StopAsync();
        }
    }

    /// <summary>Brings the database to the schema just before <paramref name="script"/>, journaled as the server's runner would.</summary>
    private void ApplyMigrationsBefore(string script)
    {
        var result = DeployChanges.To.PostgresqlDatabase(_database)
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly,
                name => name.EndsWith(".sql", StringComparison.Ordinal) && string.CompareOrdinal(name, "Conflicto.Migrations." + script) < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    private sealed record Seeded(int SessionId, string AdminCode, int ParticipantId, Dictionary<Guid, bool> Expected, Dictionary<Guid, List<Guid>> ByActivity);

    /// <summary>One participant's answers to activities configured each way, as the schema before 0012 stored them.</summary>
    private async Task<Seeded> SeedAsync()
    {
        const string adminCode = "HSTABC";
        await using var connection = new NpgsqlConnection(_database);
        var sessionId = await connection.ExecuteScalarAsync<int>(
            "insert into sessions (title, join_code, admin_code, status) values ('Before 0012', 'JNCDEFGH', @adminCode, 'active') returning id", new { adminCode });
        var participantId = await connection.ExecuteScalarAsync<int>(
            "insert into participants (session_id, nickname) values (@sessionId, 'Ada') returning id", new { sessionId });

        var cases = new (string Type, string Configuration, string Data, bool Anonymous)[]
        {
            ("poll", """{"question": "Q", "options": ["A", "B"], "anonymous_voting": true}""", """{"option_index": 0}""", true),
            ("word_cloud", """{"prompt": "P", "allow_anonymous": true}""", """{"word": "calm"}""", true),
            ("custom", """{"anonymous": true}""", """{"x": 1}""", true),
            ("qna", """{"topic": "T", "allow_anonymous": false}""", """{"type": "question", "question_text": "Why?", "anonymous": true}""", true),
            ("poll", """{"question": "Q", "options": ["A", "B"], "anonymous_voting": false}""", """{"option_index": 1}""", false),
            ("custom", """{"settings": {"anonymous_voting": true}}""", """{"x": 2, "meta": {"anonymous": true}}""", false),
            ("qna", """{"topic": "T"}""", """{"type": "question", "question_text": "How?", "anonymous": false}""", false),
        };
        var expected = new Dictionary<Guid, bool>();
        var byActivity = new Dictionary<Guid, List<Guid>>();
        var seq = 0;
        foreach (var (type, configuration, data, anonymous) in cases)
        {
            var activity = Guid.NewGuid();
            var response = Guid.NewGuid();
            await connection.ExecuteAsync("""
                insert into activities (id, session_id, activity_type, configuration, state, status) values (@activity, @sessionId, @type, @configuration::jsonb, 'active', 'active');
                insert into user_responses (id, session_id, activity_id, participant_id, response_data, change_seq) values (@response, @sessionId, @activity, @participantId, @data::jsonb, @seq);
                """, new { activity, sessionId, type, configuration, response, participantId, data, seq = ++seq });
            expected[response] = anonymous;
            byActivity[activity] = [response];
        }
        await connection.ExecuteAsync("update sessions set last_seq = @seq where id = @sessionId", new { seq, sessionId });
        return new Seeded(sessionId, adminCode, participantId, expected, byActivity);
    }
}
