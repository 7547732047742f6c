using Conflicto.Data.Events;
using Conflicto.Server.Polling;
using Conflicto.Server.Realtime.Binding;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Conflicto.Server.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    public const string HubPath = "/hubs/session";

    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration("Realtime").ValidateDataAnnotations().ValidateOnStart();
        var maxMessage = configuration.GetValue<int?>("Realtime:MaxHubMessageBytes") ?? new RealtimeOptions().MaxHubMessageBytes;
        var signalR = services
            .AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = maxMessage;
                options.EnableDetailedErrors = false; // HubException messages still reach clients
                // Outermost first: operation tracking sees every call as the client does, HubCallFilter's own refusals included.
                options.AddFilter<Operations.HubOperationFilter>();
                options.AddFilter<HubCallFilter>(); // revocation, and logging of every refused or failed call
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase)
            .AddMessagePackProtocol();
        // Optional arguments and binding errors that say what is wrong, for every protocol.
        services.AddSingleton(HubSignatures.Of<SessionHub>());
        services.Replace(ServiceDescriptor.Singleton<IHubProtocolResolver, ForgivingHubProtocolResolver>());
        services.AddSingleton<HubCallFilter>();

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<RedisAvailability>();
            services.AddSingleton<RedisBackplane>();
            signalR.AddStackExchangeRedis(redis, options =>
            {
                options.Configuration.ChannelPrefix = RedisChannel.Literal("conflicto");
                options.Configuration.AbortOnConnectFail = false; // keep serving local clients; reconnect in the background
            });
            services.AddOptions<RedisOptions>().Configure<RedisBackplane>((options, backplane) => options.ConnectionFactory = log => backplane.ConnectAsync(options.Configuration, log));
            services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<RedisAvailability>()));
            services.AddSingleton<RedisEventBus>();
            services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<RedisEventBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisEventBus>());
        }

        services.AddSingleton<LocalConnections>();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<BackplaneMetrics>();
        services.AddSingleton<HubLifetimeManager<SessionHub>>(sp =>
        {
            // Redis, when configured, behind a guard that keeps it out of the connections' way while it is down.
            HubLifetimeManager<SessionHub> inner = string.IsNullOrWhiteSpace(redis)
                ? ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<SessionHub>>(sp)
                : ActivatorUtilities.CreateInstance<BackplaneGuard<SessionHub>>(sp, ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<SessionHub>>(sp));
            return new TrackingHubLifetimeManager<SessionHub>(inner, sp.GetRequiredService<LocalConnections>());
        });
        services.AddSingleton<SessionStreams>();
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<SessionStreams>());
        services.AddSingleton<HubCommands>();
        services.AddSingleton<ParticipantRevocations>();
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<ParticipantRevocations>());
        services.AddSingleton<SnapshotGate>();
        services.AddSingleton<Polling.SessionSignals>();
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<Polling.SessionSignals>());
        services.AddSingleton<Polling.PollCache>();
        services.AddSingleton<ISessionEventObserver>(sp => sp.GetRequiredService<Polling.PollCache>());
        services.AddSingleton<CatchUpLag>();
        services.AddHostedService<StreamCatchUpService>();
        services.AddSingleton<Coalescing.ResultsBook>();
        services.AddHostedService<Coalescing.ResultsCoalescer>();
        services.AddHostedService<Coalescing.PresenceCoalescer>();
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<SessionHub>(HubPath, options => options.AllowStatefulReconnects = true);
        routes.MapEventEndpoints();
        return routes;
    }
}
