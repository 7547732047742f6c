using Conflicto.Server.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Webhooks;

/// <summary><c>Webhooks:DeliveryRetentionDays</c>: 14 by default, 1–3650, and a bad value's message says what to set.</summary>
public sealed class WebhookDeliveryRetentionOptionsTests
{
    private static WebhookOptions Bind(string? days)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(days is null ? [] : [KeyValuePair.Create("Webhooks:DeliveryRetentionDays", (string?)days)])
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddWebhooks().BuildServiceProvider();
        return services.GetRequiredService<IOptions<WebhookOptions>>().Value;
    }

    [Fact]
    public void NothingConfigured_KeepsFourteenDays() => Assert.Equal(14, Bind(null).DeliveryRetentionDays);

    [Theory]
    [InlineData("1")]
    [InlineData("3650")]
    public void TheBounds_AreAccepted(string days) => Assert.Equal(int.Parse(days), Bind(days).DeliveryRetentionDays);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3651")]
    public void OutOfRange_FailsValidation_SayingWhatToSet(string days)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(days));

        Assert.Contains("Webhooks:DeliveryRetentionDays must be set to a number of days from 1 to 3650 (default 14).", error.Message);
    }
}
