using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>The local IEndpointTarget: every rule violation refused with nothing changed, deployments put, scaled, deleted, invoked.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class LocalEndpointTargetTests(LocalHostFixture fixture) : IAsyncLifetime
{
    private const string Endpoint = "rules";
    private LocalEndpointTarget _target = null!;

    public async Task InitializeAsync()
    {
        _target = new LocalEndpointTarget(fixture.Host, Endpoint);
        if (fixture.Host.GetEndpoint(Endpoint) is null)
        {
            await fixture.CreateEndpointAsync(
                Endpoint,
                TrafficSplit.AllTo("blue"),
                ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)),
                ("green", DeploymentSpec.ForModel(LocalHostFixture.Model2)));
            await Assert.ThrowsAsync<DeploymentFailedException>(() => _target.PutDeploymentAsync("broken", LocalHostFixture.FailingStart(LocalHostFixture.Model1)));
        }
    }

    public Task DisposeAsync() => _target.SetTrafficAsync(TrafficSplit.AllTo("blue"));

    public static TheoryData<string, Dictionary<string, int>, Dictionary<string, int>, EndpointRule> Violations => new()
    {
        { "live sums to 90", new() { ["blue"] = 80, ["green"] = 10 }, new(), EndpointRule.LiveTotal },
        { "live sums to 110", new() { ["blue"] = 100, ["green"] = 10 }, new(), EndpointRule.LiveTotal },
        { "negative percent", new() { ["blue"] = 110, ["green"] = -10 }, new(), EndpointRule.PercentRange },
        { "mirror above 50", new() { ["blue"] = 100 }, new() { ["green"] = 60 }, EndpointRule.MirrorLimit },
        { "two mirrors", new() { ["blue"] = 100 }, new() { ["green"] = 10, ["broken"] = 10 }, EndpointRule.SingleMirror },
        { "live and mirror at once", new() { ["blue"] = 90, ["green"] = 10 }, new() { ["green"] = 10 }, EndpointRule.LiveOrMirror },
        { "unknown deployment", new() { ["blue"] = 90, ["purple"] = 10 }, new(), EndpointRule.ProvisionedOnly },
        { "failed deployment", new() { ["blue"] = 90, ["broken"] = 10 }, new(), EndpointRule.ProvisionedOnly },
        { "mirror to failed deployment", new() { ["blue"] = 100 }, new() { ["broken"] = 10 }, EndpointRule.ProvisionedOnly },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task SetTraffic_BreaksARule_IsRefusedAndLeavesTheEndpointUnchanged(string why, Dictionary<string, int> live, Dictionary<string, int> mirror, EndpointRule rule)
    {
        var before = await _target.GetStateAsync();

        var refused = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => _target.SetTrafficAsync(TrafficSplit.Create(live, mirror)));

        Assert.Contains(refused.Violations, v => v.Rule == rule);
        var after = await _target.GetStateAsync();
        Assert.Equal(before!.Traffic, after!.Traffic);
        Assert.Equal(before.Deployments, after.Deployments);
        var scored = await _target.InvokeAsync(LocalHostFixture.SampleRequest);
        Assert.True(scored is { StatusCode: 200, ServedBy: "blue" }, why);
    }

    [Fact]
    public async Task SetTraffic_MirrorOnKubernetesEndpoint_IsRefused()
    {
        var kubernetes = new LocalEndpointTarget(fixture.Host, "rules-k8s", EndpointCompute.Kubernetes);
        await kubernetes.EnsureEndpointAsync();

        var refused = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => kubernetes.SetTrafficAsync(TrafficSplit.Create([], [new("blue", 10)])));

        Assert.Contains(refused.Violations, v => v.Rule == EndpointRule.NoMirrorOnKubernetes);
        Assert.Equal(TrafficSplit.Empty, (await kubernetes.GetStateAsync())!.Traffic);
    }

    [Fact]
    public async Task SetTraffic_LiveAndMirror_AppliesBothInOneUpdate()
    {
        var split = TrafficSplit.Create([new("blue", 90), new("green", 10)], []);
        await _target.SetTrafficAsync(split);
        var shadowed = TrafficSplit.Create([new("blue", 100)], [new("green", 20)]);

        await _target.SetTrafficAsync(shadowed);

        Assert.Equal(shadowed, (await _target.GetStateAsync())!.Traffic);
    }

    [Fact]
    public async Task DeleteDeployment_WithLiveTraffic_IsRefusedAndKept()
    {
        var refused = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => _target.DeleteDeploymentAsync("blue"));

        Assert.Contains(refused.Violations, v => v.Rule == EndpointRule.NoDeleteWithLiveTraffic);
        Assert.Equal(ProvisioningState.Succeeded, (await _target.GetStateAsync())!.Deployment("blue")!.Provisioning);
        Assert.Equal(200, (await _target.InvokeAsync(LocalHostFixture.SampleRequest)).StatusCode);
    }

    [Fact]
    public async Task DeleteDeployment_MirroredOnly_RemovesItItsMirrorAndItsProcesses()
    {
        await _target.PutDeploymentAsync("doomed", DeploymentSpec.ForModel(LocalHostFixture.Model2));
        await _target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("doomed", 10)]));
        var pid = fixture.Host.GetEndpoint(Endpoint)!.GetInstances("doomed").Single().ProcessId!.Value;

        await _target.DeleteDeploymentAsync("doomed");
        await _target.DeleteDeploymentAsync("doomed");

        var state = await _target.GetStateAsync();
        Assert.Null(state!.Deployment("doomed"));
        Assert.Equal(TrafficSplit.AllTo("blue"), state.Traffic);
        Assert.True(ProcessProbe.HasExited(pid), $"process {pid} of the deleted deployment still runs");
    }

    [Fact]
    public async Task PutDeployment_FailsToGetReady_ThrowsAndIsFailedWithTheReason()
    {
        var failed = await Assert.ThrowsAsync<DeploymentFailedException>(() => _target.PutDeploymentAsync("broken", LocalHostFixture.FailingStart(LocalHostFixture.Model1)));

        Assert.Contains("readiness probe", failed.Message, StringComparison.Ordinal);
        var broken = (await _target.GetStateAsync())!.Deployment("broken")!;
        Assert.Equal(ProvisioningState.Failed, broken.Provisioning);
        Assert.Contains("readiness probe", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDeployment_InvalidSpec_NamesEveryProblemAndCreatesNothing()
    {
        var spec = DeploymentSpec.ForModel("/no/such/model.json", instanceCount: 0) with { Faults = new FaultInjection(null, 2, 0, false) };

        var failed = await Assert.ThrowsAsync<DeploymentFailedException>(() => _target.PutDeploymentAsync("bad name!", spec));

        foreach (var field in (string[])["name 'bad name!'", "model: file '/no/such/model.json'", "instance_count", "faults.error_rate", "faults.crash_after_requests"])
        {
            Assert.Contains(field, failed.Message, StringComparison.Ordinal);
        }

        Assert.Null((await _target.GetStateAsync())!.Deployment("bad name!"));
    }

    [Fact]
    public async Task PutDeployment_SameSpecAgain_KeepsTheRunningProcesses()
    {
        var endpoint = fixture.Host.GetEndpoint(Endpoint)!;
        var before = endpoint.GetInstances("green").Select(i => i.ProcessId).ToList();

        await _target.PutDeploymentAsync("green", DeploymentSpec.ForModel(LocalHostFixture.Model2));

        Assert.Equal(before, endpoint.GetInstances("green").Select(i => i.ProcessId).ToList());
    }

    [Fact]
    public async Task PutDeployment_NewSpec_ReplacesTheInstancesAndServesTheNewModel()
    {
        await _target.PutDeploymentAsync("updated", DeploymentSpec.ForModel(LocalHostFixture.Model1));
        var old = fixture.Host.GetEndpoint(Endpoint)!.GetInstances("updated").Single().ProcessId!.Value;

        await _target.PutDeploymentAsync("updated", DeploymentSpec.ForModel(LocalHostFixture.Model2));

        var scored = await _target.InvokeAsync(LocalHostFixture.SampleRequest, "updated");
        Assert.Equal((200, "[0.5,0.5]", "updated"), (scored.StatusCode, scored.Body, scored.ServedBy));
        Assert.True(ProcessProbe.HasExited(old), $"the old instance {old} still runs");
    }

    [Fact]
    public async Task ScaleDeployment_UpThenDown_RunsThatManyProcesses()
    {
        var endpoint = fixture.Host.GetEndpoint(Endpoint)!;

        await _target.ScaleDeploymentAsync("green", 3);
        var scaledUp = endpoint.GetInstances("green");
        await _target.ScaleDeploymentAsync("green", 1);

        Assert.Equal(3, scaledUp.Select(i => i.ProcessId).Distinct().Count());
        Assert.All(scaledUp, i => Assert.True(i.Ready));
        Assert.Equal(1, (await _target.GetStateAsync())!.Deployment("green")!.InstanceCount);
        Assert.Single(endpoint.GetInstances("green"));
        Assert.True(scaledUp.Skip(1).All(i => ProcessProbe.HasExited(i.ProcessId!.Value)), "scaled-down processes still run");
    }

    [Fact]
    public async Task InvokeAsync_PinnedAndUnpinned_GoThroughTheDataPlane()
    {
        var unpinned = await _target.InvokeAsync(LocalHostFixture.SampleRequest);
        var pinned = await _target.InvokeAsync(LocalHostFixture.SampleRequest, "green");

        Assert.Equal((200, "blue"), (unpinned.StatusCode, unpinned.ServedBy));
        Assert.Equal((200, "green", "[0.5,0.5]"), (pinned.StatusCode, pinned.ServedBy, pinned.Body));
    }

    [Fact]
    public async Task GetLogs_RunningDeployment_ShowsItsProcessOutput()
    {
        var logs = await _target.GetLogsAsync("blue");

        Assert.Contains("===== rules/blue/0 (process ", logs, StringComparison.Ordinal);
        Assert.Contains("Model model-1 loaded", logs, StringComparison.Ordinal);
    }
}
