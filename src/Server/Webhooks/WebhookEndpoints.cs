using Conflicto.Data.Webhooks;
using Conflicto.Server.Access;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// A session's webhook endpoints, the host's alone (docs/integrations.md#webhooks): register (the
/// secret is shown once), list, read, delete, rotate the secret, enable, disable, ping, and read
/// the delivery log; and, public, the event types one can subscribe to.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions/{sessionId}").WithTags("Webhooks");
        group.MapPost("/webhooks", WebhookHandlers.CreateAsync)
            .WithName("CreateWebhook").RequiresAdminCode().ProducesProblems(404, 409, 422)
            .WithSummary("Register an endpoint that receives the session's events, signed and in seq order")
            .WithDescription("Host only. The answer carries the signing secret, the only time it is shown. 422: bad URL, unknown event type, "
                + "no event types, or a URL resolving to a loopback/private/link-local address (unless Webhooks:AllowPrivateNetworks); "
                + "409: the session has Webhooks:MaxPerSession endpoints already. See docs/integrations.md#webhooks.");
        group.MapGet("/webhooks", WebhookHandlers.ListAsync)
            .WithName("ListWebhooks").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("The session's webhook endpoints (never their secrets)");
        group.MapGet("/webhooks/{webhookId}", WebhookHandlers.GetAsync)
            .WithName("GetWebhook").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("A webhook endpoint: status, failures, how far its receiver acknowledged");
        group.MapDelete("/webhooks/{webhookId}", WebhookHandlers.DeleteAsync)
            .WithName("DeleteWebhook").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("Delete a webhook endpoint with its delivery log");
        group.MapPost("/webhooks/{webhookId}/rotate-secret", WebhookHandlers.RotateAsync)
            .WithName("RotateWebhookSecret").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("A new signing secret; the previous one keeps signing beside it for Webhooks:RotationGraceSeconds");
        group.MapPost("/webhooks/{webhookId}/enable", WebhookHandlers.EnableAsync)
            .WithName("EnableWebhook").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("Enable an endpoint again: failures reset, delivery resumes after last_acked_seq");
        group.MapPost("/webhooks/{webhookId}/disable", WebhookHandlers.DisableAsync)
            .WithName("DisableWebhook").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("Stop deliveries to an endpoint (events keep accumulating; enabling catches up)");
        group.MapPost("/webhooks/{webhookId}/ping", WebhookHandlers.PingAsync)
            .WithName("PingWebhook").RequiresAdminCode().ProducesProblems(404).Produces(StatusCodes.Status202Accepted)
            .WithSummary("Send one signed webhook.ping to the endpoint; its outcome shows in the delivery log");
        group.MapGet("/webhooks/{webhookId}/deliveries", WebhookHandlers.DeliveriesAsync)
            .WithName("ListWebhookDeliveries").RequiresAdminCode().ProducesProblems(404, 422)
            .WithSummary("The endpoint's delivery log, newest first (?status=delivered|failed|pending&limit=50)");
        routes.MapGet("/api/v1/webhooks/event-types", () => TypedResults.Ok(WebhookEventTypes.Subscribable))
            .WithTags("Webhooks").WithName("ListWebhookEventTypes").Public()
            .WithSummary("The event types a webhook endpoint can subscribe to (or \"*\" for all)");
        return routes;
    }
}
