using Microsoft.AspNetCore.Http.Metadata;

namespace Conflicto.Server.Infrastructure;

/// <summary>A route's own body limit, instead of <see cref="LimitsOptions.MaxBodyBytes"/> (<see cref="BodySizeLimitMiddleware"/>): media uploads.</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
