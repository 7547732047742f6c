using Conflicto.Server.Activities;
using Conflicto.Server.Exports;
using Conflicto.Server.Health;
using Conflicto.Server.Media;
using Conflicto.Server.Metrics;
using Conflicto.Server.Operations;
using Conflicto.Server.Participants;
using Conflicto.Server.Processing;
using Conflicto.Server.Quiz;
using Conflicto.Server.Realtime;
using Conflicto.Server.Recording;
using Conflicto.Server.Responses;
using Conflicto.Server.Sessions;
using Conflicto.Server.Summaries;
using Conflicto.Server.Web;
using Conflicto.Server.Webhooks;

namespace Conflicto.Server;

/// <summary>Every route of the server in one list, one line per feature folder: REST, the hub, then the web client.</summary>
public static class ConflictoEndpoints
{
    public static IEndpointRouteBuilder MapConflicto(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapSessionEndpoints();
        app.MapParticipantEndpoints();
        app.MapActivityEndpoints();
        app.MapFrameworkEndpoints();
        app.MapResponseEndpoints();
        app.MapProcessingEndpoints();
        app.MapOperationEndpoints();
        app.MapRecordingEndpoints();
        app.MapQuizEndpoints();
        app.MapExportEndpoints();
        app.MapSummaryEndpoints();
        app.MapMediaEndpoints();
        app.MapWebhookEndpoints();
        app.MapRealtime();
        app.MapWebClient(); // last: its page routes are the most general
        return app;
    }
}
