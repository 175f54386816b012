using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Metrics;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

/// <summary>The target and metric source wired the way the service wires them (AddAzureMlTarget over configuration), with captured logs.</summary>
public sealed class AzureMlClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public AzureMlClient(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddAzureMlTarget(configuration)
            .BuildServiceProvider();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public AzureMlOptions Options => _services.GetRequiredService<IOptions<AzureMlOptions>>().Value;

    public IEndpointTarget Target(string endpoint, EndpointCompute compute = EndpointCompute.Managed) =>
        _services.GetRequiredKeyedService<IEndpointTargetFactory>(TargetKind.AzureMl).Create(new TargetSpec(TargetKind.AzureMl, endpoint, AzureMlHarness.Workspace, compute));

    public IMetricSource Metrics(string endpoint) =>
        _services.GetRequiredKeyedService<IMetricSourceFactory>(TargetKind.AzureMl).Create(new TargetSpec(TargetKind.AzureMl, endpoint, AzureMlHarness.Workspace, EndpointCompute.Managed));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
