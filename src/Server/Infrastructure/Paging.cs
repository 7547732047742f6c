namespace Conflicto.Server.Infrastructure;

/// <summary>offset/limit query parameters: offset ≥ 0, 1 ≤ limit ≤ 1000.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public const int MaxLimit = 1000;

    public static Validation Check(int? offset, int? limit, int defaultLimit, out Paging paging)
    {
        paging = new Paging(offset ?? 0, limit ?? defaultLimit);
        return new Validation()
            .AddIf(paging.Offset < 0, "offset", "offset must be 0 or more")
            .AddIf(paging.Limit is < 1 or > MaxLimit, "limit", $"limit must be between 1 and {MaxLimit}");
    }
}
