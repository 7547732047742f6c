using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>Section <c>Webhooks</c> is validated at start-up: a bad value stops the real server with a message saying what to set.</summary>
public sealed class WebhookSettingsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    public async Task BadDeliveryRetentionDays_StopsStartUp_SayingWhatToSet(string value)
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                ServerProcess.StartAsync(database, null, new Dictionary<string, string> { ["Webhooks:DeliveryRetentionDays"] = value }));

            Assert.Contains("exited", error.Message);
            Assert.Contains("Webhooks:DeliveryRetentionDays must be set to a number of days from 1 to 3650", error.Message);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
