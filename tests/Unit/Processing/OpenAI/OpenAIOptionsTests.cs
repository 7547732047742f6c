using Conflicto.Processing.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

public class OpenAIOptionsTests
{
    private static OpenAIOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Processing:OpenAI:{s.Key}", (string?)s.Value)))
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOpenAIOptions().BuildServiceProvider();
        return provider.GetRequiredService<IOptions<OpenAIOptions>>().Value;
    }

    [Fact]
    public void Bind_NothingConfigured_UsesDefaultsAndIsNotConfigured()
    {
        var options = Bind();

        Assert.False(options.IsConfigured);
        Assert.Null(options.Endpoint);
        Assert.Equal("gpt-4o-mini", options.Model);
        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Equal(3, options.MaxRetries);
    }

    [Fact]
    public void Bind_FullConfiguration_ReadsEveryValue()
    {
        var options = Bind(("ApiKey", "sk-test"), ("Endpoint", "http://localhost:11434/v1"), ("Model", "llama3.1"), ("TimeoutSeconds", "5"), ("MaxRetries", "0"));

        Assert.True(options.IsConfigured);
        Assert.Equal(new Uri("http://localhost:11434/v1"), options.Endpoint);
        Assert.Equal("llama3.1", options.Model);
        Assert.Equal(5, options.TimeoutSeconds);
        Assert.Equal(0, options.MaxRetries);
    }

    [Theory]
    [InlineData("TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("TimeoutSeconds", "601", "TimeoutSeconds")]
    [InlineData("MaxRetries", "-1", "MaxRetries")]
    [InlineData("MaxRetries", "11", "MaxRetries")]
    [InlineData("Model", " ", "Model")]
    [InlineData("Endpoint", "ftp://example.com/v1", "Endpoint must be an absolute http(s) URI")]
    [InlineData("Endpoint", "localhost:11434/v1", "Endpoint must be an absolute http(s) URI")]
    [InlineData("Endpoint", "/v1", "Endpoint must be an absolute http(s) URI")]
    public void Bind_InvalidValue_FailsValidationNamingIt(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("ApiKey", "sk-test"), (key, value)));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void IsConfigured_BlankKey_IsFalseAndNoClientIsBuilt(string? key)
    {
        var options = new OpenAIOptions { ApiKey = key };

        Assert.False(options.IsConfigured);
        Assert.Throws<InvalidOperationException>(() => OpenAIClientFactory.CreateChatClient(options));
    }

    [Fact]
    public void Analyzers_AreNamedAfterTheModel()
    {
        var options = new OpenAIOptions { ApiKey = "sk-test", Model = "gpt-4.1-nano" };

        Assert.Equal("openai:gpt-4.1-nano", new OpenAIActivityAnalyzer(options).Name);
        Assert.Equal("openai:gpt-4.1-nano", new OpenAIResponseEnricher(options).Name);
    }
}
