using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Infrastructure;

/// <summary>Input limits (section <c>Limits</c>); exceeding one is a 413 or 422, never a 500.</summary>
public sealed class LimitsOptions
{
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    [Range(256, 1024 * 1024)]
    public int MaxResponseDataBytes { get; set; } = 16 * 1024;

    [Range(256, 1024 * 1024)]
    public int MaxConfigurationBytes { get; set; } = 64 * 1024;

    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Highest <c>max_participants</c> a session may ask for (the legacy contract's 1,000 unless an operator raises it).</summary>
    [Range(1, 1_000_000)]
    public int MaxParticipantsPerSession { get; set; } = 1000;
}
