using Conflicto.Server.Operations;

namespace Conflicto.Tests.Unit.Server.Operations;

/// <summary>REST statuses and hub refusals map to the same outcomes and error kinds.</summary>
public sealed class OperationStatusesTests
{
    [Theory]
    [InlineData(200, "ok", null)]
    [InlineData(201, "ok", null)]
    [InlineData(304, "ok", null)]
    [InlineData(400, "refused", "bad_request")]
    [InlineData(401, "refused", "unauthorized")]
    [InlineData(403, "refused", "forbidden")]
    [InlineData(404, "refused", "not_found")]
    [InlineData(409, "refused", "conflict")]
    [InlineData(418, "refused", "client_error")]
    [InlineData(422, "refused", "invalid")]
    [InlineData(429, "refused", "too_many_requests")]
    [InlineData(499, "cancelled", "cancelled")]
    [InlineData(500, "failed", "internal")]
    [InlineData(503, "failed", "unavailable")]
    [InlineData(504, "failed", "server_error")]
    public void Status_MapsToOutcomeAndErrorKind(int status, string outcome, string? errorKind)
    {
        Assert.Equal(outcome, OperationStatuses.OutcomeOf(status));
        Assert.Equal(errorKind, OperationStatuses.ErrorKindOf(status));
    }

    [Theory]
    [InlineData("409 Conflict: the activity is closed.", 409)]
    [InlineData("401 Unauthorized: the admin code or participant token is not valid.", 401)]
    [InlineData("500 Internal Server Error: the server failed to carry out X (error id 1).", 500)]
    [InlineData("No status here", 400)]
    [InlineData("200 OK: not a refusal", 400)]
    [InlineData("42 too short", 400)]
    [InlineData("4090 four digits", 400)]
    [InlineData("", 400)]
    public void HubRefusal_CarriesItsStatusAtTheStartOfItsMessage(string message, int status) =>
        Assert.Equal(status, OperationStatuses.OfHubMessage(message));
}
