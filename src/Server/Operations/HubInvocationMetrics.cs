using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Conflicto.Server.Operations;

/// <summary>
/// Histogram <c>conflicto.hub.invocation.duration</c> (meter <c>Conflicto.Realtime</c>), in seconds
/// as OpenTelemetry's semantic conventions measure durations (like ASP.NET Core's
/// <c>http.server.request.duration</c>, its REST counterpart), tagged with the hub method and the
/// outcome (ok, refused, failed, cancelled). Unknown methods share one tag value, so a client
/// cannot grow the series without bound.
/// </summary>
public sealed class HubInvocationMetrics
{
    public const string MeterName = "Conflicto.Realtime";

    /// <summary>Bucket bounds fit for calls that take a millisecond or two and should never take seconds.</summary>
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _duration;

    public HubInvocationMetrics(IMeterFactory meters)
    {
        _duration = meters.Create(MeterName).CreateHistogram<double>(
            "conflicto.hub.invocation.duration", unit: "s", description: "Duration of hub method invocations, by method and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    public void Record(string method, string outcome, TimeSpan elapsed)
    {
        if (!_duration.Enabled) return;
        var tags = new TagList { { "method", method }, { "outcome", outcome } };
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
