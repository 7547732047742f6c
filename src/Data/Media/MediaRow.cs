namespace Conflicto.Data.Media;

/// <summary>An uploaded image as table <c>media</c> holds it (its bytes are in an <see cref="IMediaStore"/>).</summary>
public sealed record MediaRow(string Id, int SessionId, string ContentType, int Bytes, int Width, int Height, string Sha256, DateTime CreatedAt);

/// <summary>How much of its media quota a session uses.</summary>
public sealed record MediaUsage(int Count, long Bytes);
