using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Metrics;
using Orchestrator.Metrics.Local;

namespace Orchestrator.Targets.Local.Tests;

public sealed class LocalEndpointHostOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new LocalEndpointHostOptionsValidator().Validate(null, new LocalEndpointHostOptions()).Succeeded);

    [Fact]
    public void Validate_EveryFieldWrong_NamesEveryField()
    {
        var options = new LocalEndpointHostOptions
        {
            DataDirectory = " ",
            BindAddress = "0.0.0.0",
            FirstPort = 9000,
            LastPort = 8000,
            ScoringServerPath = "/no/such/ScoringServer.dll",
            ReadinessTimeout = TimeSpan.Zero,
            ReadinessProbeInterval = TimeSpan.FromSeconds(-1),
            StopTimeout = TimeSpan.Zero,
            MaxRestartDelay = TimeSpan.Zero,
            DefaultRequestTimeout = TimeSpan.Zero,
            MetricsRetention = TimeSpan.FromMinutes(5),
            MaxRequestBodyBytes = 0,
            MirrorQueueCapacity = 0,
            MirrorConcurrency = 0,
            LogLinesPerInstance = 0,
        };

        var result = new LocalEndpointHostOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        // A switch (DurableTrafficUpdates) has no wrong value; every other field does.
        var fields = typeof(LocalEndpointHostOptions).GetProperties().Where(p => p.PropertyType != typeof(bool)).Select(p => p.Name)
            .Where(n => n is not ("FirstPort" or "LastPort")).Append("FirstPort..LastPort");
        Assert.All(fields, field => Assert.Contains(result.Failures!, f => f.Contains($"LocalEndpointHost:{field} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(20000, 20010, true)]
    [InlineData(20000, 20000, true)]
    [InlineData(0, 20000, false)]
    [InlineData(70000, 70001, false)]
    public void Validate_PortRange_IsBothZeroOrAnOrderedRange(int first, int last, bool valid) =>
        Assert.Equal(valid, new LocalEndpointHostOptionsValidator().Validate(null, new LocalEndpointHostOptions { FirstPort = first, LastPort = last }).Succeeded);

    [Fact]
    public void AddLocalEndpointHost_InvalidOptions_FailWhenResolvedWithEveryProblem()
    {
        var services = NewServices();
        services.AddLocalEndpointHost(o =>
        {
            o.BindAddress = "10.0.0.1";
            o.MirrorConcurrency = 0;
        });
        using var provider = services.BuildServiceProvider();

        var failed = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LocalEndpointHostOptions>>().Value);

        Assert.Equal(2, failed.Failures.Count());
    }

    [Fact]
    public async Task AddLocalEndpointHost_Defaults_RegistersTheHostAndBothFactories()
    {
        var services = NewServices();
        services.AddLocalEndpointHost();
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<LocalEndpointTargetFactory>(provider.GetRequiredService<IEndpointTargetFactory>());
        Assert.IsType<LocalMetricSourceFactory>(provider.GetRequiredService<IMetricSourceFactory>());
        Assert.Same(provider.GetRequiredService<LocalEndpointHost>(), provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single());
    }

    // What every host provides: configuration (options bind their section from it) and logging.
    private static ServiceCollection NewServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        return services;
    }
}
