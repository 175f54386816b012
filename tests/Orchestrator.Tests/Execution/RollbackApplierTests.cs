using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

public sealed class RollbackApplierTests : IAsyncLifetime
{
    private static readonly TimeSpan GuardLimit = TimeSpan.FromSeconds(30);
    private readonly HeldTrafficTargets _targets = new();
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ScenarioHost.StartAsync(services => services.AddSingleton<IEndpointTargetFactory>(sp => _targets.Over(sp.GetRequiredService<FakeEndpoints>())));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Apply_WhileAnotherAttemptIsUnderWay_ComesBackLaterWithoutASecondUpdate()
    {
        // Issue 4: the gate job and the tick the rollback wakes both applied it, and the second PUT was sent again.
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(TimeSpan.FromMinutes(1)).Build());
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
        await _host.Sender.SendAsync(new AbortRolloutCommand(id, "wrong model", new Actor("carol", ActorRole.OnCall, CommandSource.Api)));
        var rollout = await _host.RolloutAsync(id);
        var applier = _host.Get<RollbackApplier>();
        var endpoint = _host.Endpoints.Endpoint("ep");
        var updatesBefore = endpoint.TrafficHistory.Count;
        _targets.Hold();

        var first = applier.ApplyAsync(rollout);
        await _targets.Entered.WaitAsync(GuardLimit);
        var second = await applier.ApplyAsync(rollout).WaitAsync(GuardLimit);
        _targets.Release();

        Assert.Equal(_host.Clock.GetUtcNow() + _host.Get<IOptions<ExecutionOptions>>().Value.RetryBackoff, second);
        Assert.Null(await first.WaitAsync(GuardLimit));
        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal([TrafficSplit.AllTo("blue")], endpoint.TrafficHistory.Skip(updatesBefore));
    }

    /// <summary>Fake endpoints whose traffic updates can be held at the door, to line two attempts up.</summary>
    private sealed class HeldTrafficTargets
    {
        private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _door;

        /// <summary>Completes when an update reaches the held door.</summary>
        public Task Entered => _entered.Task;

        public IEndpointTargetFactory Over(FakeEndpoints inner) => new Factory(inner, this);

        public void Hold()
        {
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _door = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Release() => _door?.TrySetResult();

        private async Task WaitAtTheDoorAsync()
        {
            if (_door is { } door)
            {
                _entered.TrySetResult();
                await door.Task;
            }
        }

        private sealed class Factory(FakeEndpoints inner, HeldTrafficTargets owner) : IEndpointTargetFactory
        {
            public IEndpointTarget Create(TargetSpec target) => new Target(inner.Create(target), owner);
        }

        private sealed class Target(IEndpointTarget inner, HeldTrafficTargets owner) : IEndpointTarget
        {
            public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) => inner.GetStateAsync(cancellationToken);

            public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) => inner.EnsureEndpointAsync(cancellationToken);

            public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) => inner.PutDeploymentAsync(deployment, spec, cancellationToken);

            public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) => inner.ScaleDeploymentAsync(deployment, instanceCount, cancellationToken);

            public async Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default)
            {
                await owner.WaitAtTheDoorAsync();
                await inner.SetTrafficAsync(split, cancellationToken);
            }

            public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) => inner.DeleteDeploymentAsync(deployment, cancellationToken);

            public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) => inner.InvokeAsync(requestBody, deployment, cancellationToken);

            public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) => inner.GetLogsAsync(deployment, lines, cancellationToken);
        }
    }
}
