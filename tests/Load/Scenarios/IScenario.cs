namespace Conflicto.Load.Scenarios;

public interface IScenario
{
    string Name { get; }

    /// <summary>False for scenarios that bring their own target (baseline): no Conflicto server or database is started.</summary>
    bool UsesConflictoServer => true;

    /// <summary>Runs the load; records steps, checks and figures on the context. Throws only when it cannot run at all.</summary>
    Task RunAsync(ScenarioContext context, CancellationToken ct);
}
