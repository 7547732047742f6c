using Conflicto.Data.Operations;
using Conflicto.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>Deletes operations older than <see cref="OperationOptions.RetentionDays"/> (see <see cref="RetentionService"/>).</summary>
public sealed class OperationRetention(OperationStore store, IOptions<OperationOptions> options, TimeProvider clock, ILogger<OperationRetention> logger, Data.Infrastructure.DatabaseAvailability database)
    : RetentionService(clock, logger, database)
{
    protected override int RetentionDays => options.Value.RetentionDays;

    protected override string What => "operation(s)";

    protected override Task<int> DeleteBatchAsync(DateTime cutoff, int batch, CancellationToken ct) => store.DeleteStartedBeforeAsync(cutoff, batch, ct);
}
