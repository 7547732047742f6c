using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Processing.OpenAI;

public static class OpenAIServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="OpenAIOptions"/> (bad values stop start-up). Choosing between
    /// the OpenAI and rule-based analyzers (<see cref="OpenAIOptions.IsConfigured"/>) is the caller's.
    /// </summary>
    public static IServiceCollection AddOpenAIOptions(this IServiceCollection services)
    {
        services.AddOptions<OpenAIOptions>().BindConfiguration(OpenAIOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
