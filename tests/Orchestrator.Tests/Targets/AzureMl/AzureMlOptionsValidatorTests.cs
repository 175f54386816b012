using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new AzureMlOptionsValidator().Validate(null, new AzureMlOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ManyMistakes_ReportsEveryFieldAtOnce()
    {
        var options = new AzureMlOptions
        {
            ArmEndpoint = new Uri("http://management.example/"),
            MachineLearningApiVersion = "latest",
            AccessTokenEnvironmentVariable = "ARM_TOKEN",
            AccessTokenFile = "/nowhere/token.txt",
            TrustedCaCertificateFile = "/nowhere/ca.pem",
            OperationTimeout = TimeSpan.Zero,
            MinPollInterval = TimeSpan.FromSeconds(-1),
            MaxRetries = -2,
        };

        var result = new AzureMlOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var key in (string[])["ArmEndpoint", "MachineLearningApiVersion", "AccessTokenEnvironmentVariable and", "AccessTokenFile '/nowhere/token.txt'", "TrustedCaCertificateFile", "OperationTimeout", "MinPollInterval", "MaxRetries"])
        {
            Assert.Contains(failures, f => f.Contains("AzureMl:" + key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AddAzureMlTarget_InvalidConfiguration_FailsAtStartup()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureMl:ArmEndpoint"] = "http://insecure.example/",
            ["AzureMl:ProvisioningTimeout"] = "-00:01:00",
        });
        builder.Services.AddAzureMlTarget(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains("AzureMl:ArmEndpoint", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("AzureMl:ProvisioningTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateCredential_TokenFile_ReadsTheFileOnEveryRequest()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "first\n");
            var credential = AzureMlServiceCollectionExtensions.CreateCredential(new AzureMlOptions { AccessTokenFile = file }, TimeProvider.System);
            var context = new Azure.Core.TokenRequestContext(["https://management.azure.com//.default"]);

            var first = credential.GetToken(context, default).Token;
            File.WriteAllText(file, "second");
            var second = credential.GetToken(context, default).Token;

            Assert.Equal("first", first);
            Assert.Equal("second", second);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CreateCredential_EmptyVariable_FailsNamingTheSourceNotTheValue()
    {
        var variable = "AZUREML_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        var credential = AzureMlServiceCollectionExtensions.CreateCredential(new AzureMlOptions { AccessTokenEnvironmentVariable = variable }, TimeProvider.System);

        var failure = Assert.Throws<InvalidOperationException>(() => credential.GetToken(new Azure.Core.TokenRequestContext(["scope"]), default));

        Assert.Contains(variable, failure.Message, StringComparison.Ordinal);
    }
}
