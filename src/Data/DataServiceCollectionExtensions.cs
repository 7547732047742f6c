using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Migrations;
using Conflicto.Data.Participants;
using Conflicto.Data.Processing;
using Conflicto.Data.Responses;
using Conflicto.Data.Sessions;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conflicto.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new JsonElementTypeHandler());

        services.AddOptions<DataOptions>()
            .BindConfiguration("Data")
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString ??= configuration.GetConnectionString(DataOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .Validate(options => IsParsable(options.ConnectionString),
                "ConnectionStrings:Postgres is not a valid PostgreSQL connection string (expected e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=conflicto).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseAvailability>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            var availability = sp.GetRequiredService<DatabaseAvailability>();
            // The name labels the pool in the Npgsql metrics (else the connection string would).
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = "conflicto" };
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            // Every new physical connection proves the database reachable: after an outage the
            // first one ends it, whichever caller opened it.
            builder.UsePhysicalConnectionInitializer(_ => availability.ReportReachable(), _ =>
            {
                availability.ReportReachable();
                return Task.CompletedTask;
            });
            var dataSource = builder.Build();
            availability.Attach(dataSource);
            return dataSource;
        });

        services.AddOptions<JobOptions>().BindConfiguration("Processing").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventMetrics>();
        services.AddSingleton<SessionEventNotifier>();
        services.AddSingleton<SessionUnits>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobQueries>();
        services.AddSingleton<AnalysisCacheStore>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ParticipantJoins>();
        services.AddSingleton<ParticipantStore>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<Quiz.QuizStore>();
        services.AddSingleton<ResponseBatchWriter>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<Exports.ExportStore>();
        services.AddSingleton<Summaries.SummaryStore>();
        return services;
    }

    private static bool IsParsable(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return true; // reported by [Required]
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
