using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

public sealed class AnyOriginApiFactory() : ConfiguredApiFactory(new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = "*" });

/// <summary><c>*</c> means any origin, never with credentials (a browser would refuse the pair anyway).</summary>
public sealed class CorsAnyOriginTests(AnyOriginApiFactory factory) : IClassFixture<AnyOriginApiFactory>
{
    [Fact]
    public async Task AnyOrigin_AllowsEveryOrigin_WithoutCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sessions/");
        request.Headers.Add("Origin", "https://anywhere.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-admin-code");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", CorsTests.Single(response, "Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }
}

/// <summary>A bad origin in the environment stops the real server at start-up, with a message naming the setting.</summary>
public sealed class CorsSettingTests
{
    [Fact]
    public async Task BadOriginInTheEnvironment_StopsStartUp_NamingTheSetting()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, null, new Dictionary<string, string>
            {
                ["Cors:AllowedOrigins:0"] = "https://spa.example",
                ["Cors:AllowedOrigins:1"] = "https://spa.example/app",
            }));

            Assert.Contains("exited", error.Message);
            Assert.Contains("Cors:AllowedOrigins:1 'https://spa.example/app' is not an origin", error.Message);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
