using Microsoft.Extensions.Configuration;

namespace Orchestrator.Webhooks.Tests;

public sealed class WebhookOptionsValidatorTests
{
    private const string GoodSecret = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Validate_NoSendersAndDefaults_Succeeds()
    {
        var result = new WebhookOptionsValidator().Validate(null, Bind([]));

        Assert.True(result.Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(5), Bind([]).Tolerance);
    }

    [Fact]
    public void Validate_ConfiguredSenders_BindsThemAndSucceeds()
    {
        var options = Bind(new()
        {
            ["Orchestrator:Webhooks:Senders:github:Secret"] = GoodSecret,
            ["Orchestrator:Webhooks:Senders:azure-devops:Secret"] = GoodSecret + "x",
            ["Orchestrator:Webhooks:Tolerance"] = "00:02:00",
        });

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(["azure-devops", "github"], options.Senders.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(2), options.Tolerance);
    }

    [Fact]
    public void Validate_EveryProblem_IsNamedAtOnceWithoutTheSecret()
    {
        var options = Bind(new()
        {
            ["Orchestrator:Webhooks:Senders:short:Secret"] = "too-short-secret",
            ["Orchestrator:Webhooks:Senders:spaced:Secret"] = "has whitespace 0123456789abcdef0123456789",
            ["Orchestrator:Webhooks:Senders:bad!name:Secret"] = GoodSecret,
            ["Orchestrator:Webhooks:Senders:nosecret:Other"] = "x",
            ["Orchestrator:Webhooks:Tolerance"] = "02:00:00",
        });

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains("Orchestrator:Webhooks:Senders:short:Secret must be at least 32 characters without whitespace.", failures);
        Assert.Contains("Orchestrator:Webhooks:Senders:spaced:Secret must be at least 32 characters without whitespace.", failures);
        Assert.Contains("Orchestrator:Webhooks:Senders:nosecret:Secret must be at least 32 characters without whitespace.", failures);
        Assert.Contains(failures, f => f.StartsWith("Orchestrator:Webhooks:Senders:bad!name must be named", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Orchestrator:Webhooks:Tolerance must be between", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("too-short-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("01:00:01")]
    public void Validate_ToleranceOutOfRange_Fails(string tolerance)
    {
        var result = new WebhookOptionsValidator().Validate(null, Bind(new() { ["Orchestrator:Webhooks:Tolerance"] = tolerance }));

        Assert.Contains(result.Failures!, f => f.StartsWith("Orchestrator:Webhooks:Tolerance", StringComparison.Ordinal));
    }

    private static WebhookOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new WebhookOptions();
        configuration.GetSection(WebhookOptions.SectionName).Bind(options);
        return options;
    }
}
