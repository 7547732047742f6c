using Conflicto.Load.Scenarios;
using Conflicto.Load.Scenarios.Classroom;

namespace Conflicto.Load.Runner;

public static class ScenarioCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<IScenario>> All = new Dictionary<string, Func<IScenario>>(StringComparer.Ordinal)
    {
        ["classroom"] = () => new ClassroomScenario(),
        ["fanout"] = () => new Scenarios.Fanout.FanoutScenario(),
        ["ingest"] = () => new Scenarios.Ingest.IngestScenario(),
        ["baseline"] = () => new Scenarios.Baseline.BaselineScenario(),
        ["reconnect-storm"] = () => new Scenarios.ReconnectStorm.ReconnectStormScenario(),
        ["join-storm"] = () => new Scenarios.JoinStorm.JoinStormScenario(),
        ["push-vs-poll"] = () => new Scenarios.PushVsPoll.PushVsPollScenario(),
    };
}
