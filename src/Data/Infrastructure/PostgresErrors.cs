using Npgsql;

namespace Conflicto.Data.Infrastructure;

internal static class PostgresErrors
{
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == constraint;
}
