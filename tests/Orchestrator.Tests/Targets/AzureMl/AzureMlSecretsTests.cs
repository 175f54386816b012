using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Orchestrator.Endpoints;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlSecretsTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    [Fact]
    public async Task Rollout_WithTraceLogging_NeverLogsTheArmTokenOrTheEndpointKeys()
    {
        harness.Reset();
        var azureCoreEvents = new ConcurrentQueue<string>();
        using (new AzureEventSourceListener((e, message) => azureCoreEvents.Enqueue(message + " " + string.Join(" ", e.Payload ?? [])), EventLevel.Verbose))
        {
            var target = await harness.BlueAtFullTrafficAsync("ep-secrets");
            await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
            await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 10)]));
            await target.InvokeAsync("{\"data\": [[1,2,3,4,5,6,7,8,9,10]]}", "green");
            await target.InvokeAsync("{\"data\": [[1,2,3,4,5,6,7,8,9,10]]}", "nobody");
            harness.Emulator.Knobs.ThrottleNext(2);
            await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)]));
            await Assert.ThrowsAsync<EndpointRuleViolationException>(() => target.DeleteDeploymentAsync("blue"));
        }

        var keys = harness.Emulator.Keys(AzureMlHarness.Subscription, AzureMlHarness.ResourceGroup, AzureMlHarness.WorkspaceName, "ep-secrets")!.Value;
        var lines = harness.Logs.Lines.Concat(azureCoreEvents).ToList();
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.NotEmpty(azureCoreEvents);
        Assert.Contains(lines, l => l.Contains("ep-secrets", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(harness.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(keys.Primary, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(keys.Secondary, StringComparison.Ordinal));
    }
}
