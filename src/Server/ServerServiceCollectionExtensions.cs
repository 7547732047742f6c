using Conflicto.Data.Migrations;
using Conflicto.Server.Health;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Operations;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Responses;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog;

namespace Conflicto.Server;

public static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddServer(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JsonOptions>().Configure<IOptions<LimitsOptions>>((json, limits) =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth;
        });
        // Unreadable bodies and unparsable parameters throw, so ProblemExceptionHandler answers them as 422.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddConflictoProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddApiDescription();
        services.TryAddSingleton(TimeProvider.System);
        services.AddConflictoForwardedHeaders();
        services.AddConflictoRateLimits();
        services.AddConflictoCors();
        services.AddSingleton<ResponseSubmission>();
        services.AddOptions<Quiz.QuizOptions>().BindConfiguration("Quiz").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Quiz.QuizClock>();
        services.AddSingleton<Quiz.QuizService>();
        services.AddSingleton<Quiz.QuizStandingsCache>();
        services.AddSingleton<Data.Events.ISessionEventObserver>(sp => sp.GetRequiredService<Quiz.QuizStandingsCache>());
        services.AddSingleton<ActivityLookup>();
        services.AddSingleton<Data.Events.ISessionEventObserver>(sp => sp.GetRequiredService<ActivityLookup>());
        services.AddOptions<IngestOptions>().BindConfiguration("Ingest").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResponseMetrics>();
        services.AddSingleton<ResponseIngest>();
        services.AddHostedService(sp => sp.GetRequiredService<ResponseIngest>());
        services.AddHostedService<Activities.ActivityExpiryService>();
        services.AddConflictoHealthChecks();
        return services;
    }

    public static WebApplication UseServer(this WebApplication app)
    {
        // Behind a trusted reverse proxy (ForwardedHeaders:Enabled), the client's address from
        // X-Forwarded-For, before anything reads it: the request log, the abuse guard, the limiters.
        app.UseConflictoForwardedHeaders();
        // Request logging outermost, so it logs the status the client got (a 422 from the
        // exception handler), not the exception on its way there.
        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLogLevels.Of);
        app.UseOperationTracking(); // inside the request log, outside the exception handler: records the status sent
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The web client's scripts and styles (wwwroot): before CORS, limits and rate limiting, which are the API's.
        app.UseStaticFiles();
        // Preflights are answered here, before the body limit and the rate limiter could refuse
        // them; actual requests get their CORS headers even when refused later (429, 413).
        app.UseCors();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseMiddleware<AbuseGuardMiddleware>(); // validates credentials and counts wrong admin codes, for the limiter
        app.UseRateLimiter();
        app.UseMiddleware<StorableInputMiddleware>(); // after the limiter, so a refused flood is not buffered; one rule for every string and JSON document (NUL, surrogates, UTF-8, numbers)
        app.MapApiDescription();
        return app;
    }

    /// <summary>Applies sql/migrations before the server takes requests (see MigrationRunner for multi-node safety).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app, bool force)
    {
        if (!force && !app.Services.GetRequiredService<IOptions<Data.DataOptions>>().Value.MigrateOnStartup) return;
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Lifetime.ApplicationStopping);
    }
}
