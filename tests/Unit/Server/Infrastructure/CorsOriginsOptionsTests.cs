using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Server.Infrastructure;

public class CorsOriginsOptionsTests
{
    private static ServiceProvider Services(params string[] origins)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(origins.Select((o, i) => KeyValuePair.Create($"Cors:AllowedOrigins:{i}", (string?)o)))
            .Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddConflictoCors().BuildServiceProvider();
    }

    private static CorsOriginsOptions Bind(params string[] origins)
    {
        using var services = Services(origins);
        return services.GetRequiredService<IOptions<CorsOriginsOptions>>().Value;
    }

    [Fact]
    public void NothingConfigured_HasNoOrigins_AndNoPolicy()
    {
        using var services = Services();

        Assert.Empty(services.GetRequiredService<IOptions<CorsOriginsOptions>>().Value.AllowedOrigins);
        Assert.Null(services.GetRequiredService<IOptions<CorsOptions>>().Value.GetPolicy(services.GetRequiredService<IOptions<CorsOptions>>().Value.DefaultPolicyName));
    }

    [Theory]
    [InlineData("https://spa.example", "https://spa.example")]
    [InlineData("https://spa.example/", "https://spa.example")]
    [InlineData("HTTPS://SPA.Example:443", "https://spa.example")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    [InlineData(" http://10.0.0.5:8080 ", "http://10.0.0.5:8080")]
    public void ValidOrigin_IsAllowedAsBrowsersSendIt_WithCredentials(string configured, string origin)
    {
        using var services = Services(configured);
        var cors = services.GetRequiredService<IOptions<CorsOptions>>().Value;

        var policy = cors.GetPolicy(cors.DefaultPolicyName)!;

        Assert.Equal([origin], policy.Origins);
        Assert.True(policy.SupportsCredentials);
        Assert.Contains("ETag", policy.ExposedHeaders);
        Assert.Contains("X-Admin-Code", policy.Headers);
    }

    [Fact]
    public void Star_MeansAnyOrigin_WithoutCredentials()
    {
        using var services = Services("*");
        var cors = services.GetRequiredService<IOptions<CorsOptions>>().Value;

        var policy = cors.GetPolicy(cors.DefaultPolicyName)!;

        Assert.True(policy.AllowAnyOrigin);
        Assert.False(policy.SupportsCredentials);
    }

    [Theory]
    [InlineData("https://spa.example/app", "no path")]
    [InlineData("https://spa.example?x=1", "no path, query or fragment")]
    [InlineData("https://spa.example#top", "no path, query or fragment")]
    [InlineData("spa.example", "not an absolute URL")]
    [InlineData("ftp://spa.example", "http or https")]
    [InlineData("https://user@spa.example", "user name")]
    [InlineData("", "empty")]
    [InlineData("https://*.example.com", "not an absolute URL")]
    public void BadOrigin_FailsValidation_NamingTheSettingAndEntry(string origin, string reason)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind("https://ok.example", origin));

        Assert.Contains($"Cors:AllowedOrigins:1 '{origin}' is not an origin", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Star_BesideOtherOrigins_FailsValidation()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind("https://spa.example", "*"));

        Assert.Contains("Cors:AllowedOrigins:1 is '*', which must be the only entry", error.Message);
    }
}
