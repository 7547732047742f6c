using System.ComponentModel.DataAnnotations;
using Conflicto.Processing.Pipeline;

namespace Conflicto.Tests.Unit.Processing.Pipeline;

public class ProcessingOptionsTests
{
    private static List<ValidationResult> Validate(ProcessingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(new ProcessingOptions()));

    [Fact]
    public void LeaseNotLongerThanTheJobTimeout_IsRefused_NamingBothSettings()
    {
        var errors = Validate(new ProcessingOptions { JobTimeoutSeconds = 60, LeaseSeconds = 60 });
        var error = Assert.Single(errors);
        Assert.Contains("Processing:LeaseSeconds", error.ErrorMessage);
        Assert.Contains("Processing:JobTimeoutSeconds", error.ErrorMessage);
    }

    [Fact]
    public void MaxDelayBelowTheBaseDelay_IsRefused() =>
        Assert.Contains(Validate(new ProcessingOptions { RetryBaseDelayMs = 5_000, RetryMaxDelayMs = 1_000 }), e => e.ErrorMessage!.Contains("RetryMaxDelayMs"));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(10, 0)]
    public void CapacityAndWorkers_MustBePositive(int capacity, int workers) =>
        Assert.NotEmpty(Validate(new ProcessingOptions { Capacity = capacity, Workers = workers }));
}
