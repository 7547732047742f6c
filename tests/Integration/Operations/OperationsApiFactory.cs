using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Operations;

/// <summary>
/// The server with operations written every 20 ms (so tests see them soon) and a hub method that
/// fails on purpose (<see cref="FailOnPurpose"/>), inside the server's own filters as a bug would.
/// </summary>
public sealed class OperationsApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Operations:FlushIntervalMs"] = "20",
})
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<HubOptions>(options => options.AddFilter(new FailOnPurpose())));
    }

    /// <summary>Makes <c>SetSessionStatus(Trigger)</c> throw inside the hub pipeline.</summary>
    public sealed class FailOnPurpose : IHubFilter
    {
        public const string Trigger = "fail-on-purpose";

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next) =>
            invocation.HubMethodName == "SetSessionStatus" && invocation.HubMethodArguments is [Trigger]
                ? throw new InvalidOperationException("Failing on purpose.")
                : next(invocation);
    }
}
