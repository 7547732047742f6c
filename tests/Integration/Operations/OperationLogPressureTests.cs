using System.Diagnostics.Metrics;
using System.Net;
using Conflicto.Server.Operations;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Operations;

/// <summary>
/// The operation log under pressure: a queue that overflows drops and counts (requests go on), a
/// database that refuses a batch costs that batch only, and shutdown writes what is queued.
/// Each test has a server of its own, configured for it.
/// </summary>
public sealed class OperationLogPressureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Flood_BeyondTheQueue_IsCountedAsDropped_RequestsStillSucceed_AndShutdownWritesWhatIsQueued()
    {
        const int capacity = 5;
        // The writer waits an hour before its first write: nothing leaves the queue until shutdown.
        var factory = new LoggedFactory(new Dictionary<string, string>
        {
            ["Operations:ChannelCapacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Operations:FlushIntervalMs"] = "3600000",
            ["Operations:DropReportIntervalMs"] = "100",
        });
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            long droppedMetric = 0;
            using var listener = Listen(factory, "conflicto.operations.dropped", value => Interlocked.Add(ref droppedMetric, value));
            var api = new Api(factory.CreateClient());
            var log = factory.Services.GetRequiredService<OperationLog>();

            var session = await api.CreateSessionAsync();
            const int polls = 40;
            for (var i = 0; i < polls; i++)
                Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/status")).StatusCode);
            var recorded = polls + 1;
            await Until(() => log.Dropped + log.Queued >= recorded, "every request was recorded or dropped");

            Assert.Equal(capacity, log.Queued);
            Assert.Equal(recorded - capacity, log.Dropped);
            Assert.Equal(recorded - capacity, Interlocked.Read(ref droppedMetric));
            var answer = await api.ListAsync(session);
            Assert.Equal(recorded - capacity, answer["tracking"]!["dropped"]!.GetValue<long>());
            Assert.Equal(0, answer["total"]!.GetValue<int>()); // written behind: nothing yet
            await Until(() => factory.Logs.Events.Any(e => e.Level == LogEventLevel.Warning
                && e.MessageTemplate.Text.Contains("operation(s) dropped in the last", StringComparison.Ordinal)
                && long.Parse(CapturedLogs.Property(e, "Total")!, System.Globalization.CultureInfo.InvariantCulture) >= recorded - capacity), "a Warning counted the drops");
            Assert.True(factory.Logs.Events.Count(e => e.MessageTemplate.Text.Contains("operation(s) dropped in the last", StringComparison.Ordinal)) < recorded - capacity,
                "drops are reported per interval, not one line each");

            await factory.DisposeAsync(); // stops the host: the writer flushes its queue

            Assert.Equal(capacity, await CountRowsAsync(factory.ConnectionString));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task RefusedBatch_IsCountedAsDropped_LoggedOnce_AndWritingResumesWhenTheDatabaseTakesThemAgain()
    {
        var factory = new LoggedFactory(new Dictionary<string, string> { ["Operations:FlushIntervalMs"] = "20" });
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var api = new Api(factory.CreateClient());
            var log = factory.Services.GetRequiredService<OperationLog>();
            // The table goes away under the writer (the shared test database must stay up for other tests).
            await ExecuteAsync(factory.ConnectionString, "alter table operations rename to operations_away");
            for (var i = 0; i < 3; i++) await api.CreateSessionAsync();
            await Until(() => log.Dropped >= 1, "a refused batch was counted as dropped");
            Assert.Equal(0, log.Written);

            await ExecuteAsync(factory.ConnectionString, "alter table operations_away rename to operations");
            await api.CreateSessionAsync();
            await Until(() => log.Written >= 1 && log.Written + log.Dropped == 4, "writing resumed and every operation was written or dropped");
            // The writer counts the written batch, then logs that it is back: wait for the line too.
            await Until(() => factory.Logs.Events.Any(e => e.MessageTemplate.Text.StartsWith("Operations are written again", StringComparison.Ordinal)), "the writer to log that it is back");

            Assert.InRange(log.Dropped, 1, 3); // what the database refused; nothing after it came back
            Assert.Single(factory.Logs.Events, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Operations cannot be written", StringComparison.Ordinal));
            Assert.Single(factory.Logs.Events, e => e.Level == LogEventLevel.Information && e.MessageTemplate.Text.StartsWith("Operations are written again", StringComparison.Ordinal));
            Assert.DoesNotContain(factory.Logs.Events, e => e.Level >= LogEventLevel.Error);
            Assert.Equal(log.Written, await CountRowsAsync(factory.ConnectionString));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task<long> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from operations", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Sums a counter of this factory's server (other servers in the process have meters of their own).</summary>
    private static MeterListener Listen(LoggedFactory factory, string instrumentName, Action<long> onMeasurement)
    {
        var scope = factory.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == instrumentName && ReferenceEquals(instrument.Meter.Scope, scope)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onMeasurement(value));
        listener.Start();
        return listener;
    }

    /// <summary>A server of its own with the operation log's lines captured (Information and up).</summary>
    private sealed class LoggedFactory(Dictionary<string, string> settings) : ConfiguredApiFactory(
        new Dictionary<string, string>(settings) { ["Serilog:MinimumLevel:Override:Conflicto.Server.Operations"] = "Information" })
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ILogEventSink>(Logs);
                // As in HubCallsApiFactory: log through this host's own Serilog logger, not the static one.
                services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
            });
        }
    }
}
