using Conflicto.Processing.Analysis;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Processing on with <see cref="ScriptedAnalyzer"/> as the model, and two attempts per job.</summary>
public sealed class FailingAnalyzerFactory() : ProcessingApiFactory(
    new Dictionary<string, string> { ["Processing:MaxAttempts"] = "2" },
    services: s => s.AddSingleton<IActivityAnalyzer>(Analyzer))
{
    // One per factory would be nicer, but the services callback is built in the base constructor
    // call, before instance fields exist. Tests script it by unique activity titles, so fixtures
    // of several test classes can share it.
    public static readonly ScriptedAnalyzer Analyzer = new();
}
