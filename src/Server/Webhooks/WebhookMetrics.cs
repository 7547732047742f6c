using System.Diagnostics.Metrics;
using Conflicto.Data.Webhooks;

namespace Conflicto.Server.Webhooks;

/// <summary>Meter <c>Conflicto.Webhooks</c>: delivery attempts by outcome, their duration, endpoints disabled.</summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "Conflicto.Webhooks";
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _disabled;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("conflicto.webhooks.attempts", unit: "{attempt}",
            description: "Webhook delivery attempts by outcome (delivered, failed) and kind (event, ping)");
        _duration = meter.CreateHistogram<double>("conflicto.webhooks.attempt.duration", unit: "ms",
            description: "How long a webhook delivery attempt took, until the receiver answered or failed");
        _disabled = meter.CreateCounter<long>("conflicto.webhooks.disabled", unit: "{endpoint}",
            description: "Webhook endpoints disabled automatically, by reason (failures, gone)");
    }

    public void Attempted(AttemptOutcome outcome, bool ping)
    {
        var result = new KeyValuePair<string, object?>("outcome", outcome.Delivered ? "delivered" : "failed");
        var kind = new KeyValuePair<string, object?>("kind", ping ? "ping" : "event");
        _attempts.Add(1, result, kind);
        _duration.Record(outcome.LatencyMs, result);
    }

    public void Disabled(string reason) => _disabled.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
