using System.Reflection;
using Conflicto.Server.Access;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>
/// Every route of the API says who may call it (<see cref="AccessDeclarations"/>), so its security
/// in the OpenAPI document is derived, never forgotten: a new route without a declaration fails here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccessDeclarationTests(ConflictoApiFactory factory)
{
    [Fact]
    public void EveryDescribedRoute_DeclaresItsAccessOnce()
    {
        var routes = DescribedRoutes().ToList();

        var undeclared = routes.Where(r => r.Metadata.GetOrderedMetadata<AccessDeclaration>().Count != 1).Select(Name).ToList();

        Assert.True(routes.Count > 40, $"only {routes.Count} described routes: the filter no longer finds the API");
        Assert.True(undeclared.Count == 0,
            "These routes declare no access (or more than one): add .Public(), .RequiresAdminCode(), .RequiresParticipantToken(), "
            + ".RequiresAdminCodeOrParticipantToken(), .AcceptsAdminCode() or .AcceptsAdminCodeOrParticipantToken() to their Map* call:\n"
            + string.Join("\n", undeclared));
    }

    [Fact]
    public void EveryApiRoute_IsDescribed()
    {
        var described = DescribedRoutes().ToHashSet();

        var hidden = Routes().Where(r => r.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && !described.Contains(r))
            .Select(Name).ToList();

        Assert.Empty(hidden);
    }

    [Fact]
    public void RoutesThatReadCredentials_DeclareWhich()
    {
        // A handler that binds Caller reads the credentials: it cannot be Public (which says none is read).
        var wrong = DescribedRoutes()
            .Where(r => r.Metadata.GetMetadata<AccessDeclaration>() is { Accepted: Credentials.None }
                && r.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.ParameterType == typeof(Caller)) == true)
            .Select(Name).ToList();

        Assert.Empty(wrong);
    }

    /// <summary>The endpoints ASP.NET Core's API explorer describes: route handlers with an HTTP method, not excluded.</summary>
    private IEnumerable<RouteEndpoint> DescribedRoutes() => Routes().Where(r =>
        r.Metadata.GetMetadata<MethodInfo>() is not null
        && r.Metadata.GetMetadata<IHttpMethodMetadata>() is not null
        && r.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });

    private IEnumerable<RouteEndpoint> Routes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static string Name(RouteEndpoint r) =>
        $"{string.Join(",", r.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {r.RoutePattern.RawText}";
}
