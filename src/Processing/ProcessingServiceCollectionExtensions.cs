using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Processing;

public static class ProcessingServiceCollectionExtensions
{
    /// <summary>Background processors join here (schema analysis, enrichment); activity types and results are static rules.</summary>
    public static IServiceCollection AddProcessing(this IServiceCollection services) => services;
}
