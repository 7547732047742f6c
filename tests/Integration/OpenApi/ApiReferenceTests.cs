using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>The server with the interactive reference switched on, as in Development.</summary>
public sealed class ReferenceOnApiFactory() : ConfiguredApiFactory(new Dictionary<string, string> { ["OpenApi:ReferenceEnabled"] = "true" });

/// <summary>
/// <c>OpenApi:ReferenceEnabled=true</c> serves the interactive reference; its script comes from
/// the server itself (no CDN). Off by default outside Development: OpenApiDocumentTests.
/// </summary>
public sealed class ApiReferenceTests(ReferenceOnApiFactory on) : IClassFixture<ReferenceOnApiFactory>
{
    [Fact]
    public async Task Reference_WhenEnabled_IsServedWithItsScriptFromThisServer()
    {
        var client = on.CreateClient();

        var page = await client.GetStringAsync("/scalar/");
        var script = await client.GetAsync("/scalar/scalar.js");

        Assert.Contains("<script src=\"scalar.js\"></script>", page);
        Assert.Contains("openapi/v1.json", page);
        Assert.DoesNotContain("cdn.jsdelivr.net", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the embedded bundle is missing");
    }
}
