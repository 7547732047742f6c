using Conflicto.Data;
using Conflicto.Processing;
using Conflicto.Server;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Media;
using Conflicto.Server.Metrics;
using Conflicto.Server.Operations;
using Conflicto.Server.Realtime;
using Conflicto.Server.Shutdown;
using Conflicto.Server.Summaries;
using Conflicto.Server.Webhooks;
using Serilog;

Log.Logger = Logging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddConflictoLogging();
    builder.Services.AddData().AddProcessing(builder.Configuration).AddServer().AddRealtime(builder.Configuration)
        .AddGracefulShutdown().AddConflictoMetrics(builder.Configuration)
        .AddOperationTracking().AddSessionSummaries().AddMedia().AddWebhooks();

    var app = builder.Build();
    // --migrate-only applies sql/migrations and exits: for deploy steps, and to prove concurrent runs are safe.
    var migrateOnly = args.Contains("--migrate-only");
    await app.MigrateDatabaseAsync(force: migrateOnly);
    if (migrateOnly) return 0;
    app.UseServer();
    app.UseGracefulShutdown();
    app.MapConflicto();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Conflicto stopped: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
