using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Tests.Common;

/// <summary>
/// In-memory endpoints behind the real <see cref="IEndpointTarget"/> seam, enforcing the real
/// <see cref="EndpointRules"/>, and recording every traffic update so scenario tests can assert the path taken.
/// </summary>
public sealed class FakeEndpoints : IEndpointTargetFactory
{
    private readonly Dictionary<string, FakeEndpointTarget> _targets = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEndpointTarget Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Endpoint(target.Endpoint, target.Compute);
    }

    /// <summary>The fake for an endpoint name (created on first use, initially absent on the "platform").</summary>
    public FakeEndpointTarget Endpoint(string name, EndpointCompute compute = EndpointCompute.Managed)
    {
        lock (_targets)
        {
            if (!_targets.TryGetValue(name, out var target))
            {
                target = new FakeEndpointTarget(name, compute);
                _targets[name] = target;
            }

            return target;
        }
    }
}

/// <summary>One in-memory endpoint.</summary>
public sealed class FakeEndpointTarget(string name, EndpointCompute compute) : IEndpointTarget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeploymentStatus> _deployments = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TrafficSplit> _trafficHistory = [];
    private bool _exists;
    private TrafficSplit _traffic = TrafficSplit.Empty;

    /// <summary>Every traffic update applied, in order.</summary>
    public IReadOnlyList<TrafficSplit> TrafficHistory
    {
        get
        {
            lock (_gate)
            {
                return [.. _trafficHistory];
            }
        }
    }

    /// <summary>The current split.</summary>
    public TrafficSplit Traffic
    {
        get
        {
            lock (_gate)
            {
                return _traffic;
            }
        }
    }

    /// <summary>Deployments whose next put fails with this message.</summary>
    public Dictionary<string, string> FailPut { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a pinned invocation of a deployment answers (default 200 "[0.5, 0.5]").</summary>
    public Dictionary<string, InvocationResult> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next this-many calls fail with an unreachable-target error (transient).</summary>
    public int TransientFailures { get; set; }

    /// <summary>How many times each operation ran.</summary>
    public Dictionary<string, int> Calls { get; } = [];

    /// <summary>Creates the endpoint with deployments already at a split (an existing production endpoint).</summary>
    public void Seed(TrafficSplit traffic, params string[] deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        lock (_gate)
        {
            _exists = true;
            foreach (var deployment in deployments)
            {
                _deployments[deployment] = new DeploymentStatus(deployment, ProvisioningState.Succeeded, 1);
            }

            _traffic = traffic;
        }
    }

    /// <inheritdoc />
    public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Count("get");
            return Task.FromResult(_exists
                ? new EndpointState(name, compute, ProvisioningState.Succeeded, _traffic, [.. _deployments.Values], null)
                : null);
        }
    }

    /// <inheritdoc />
    public Task EnsureEndpointAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Count("ensure");
            _exists = true;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            Count("put");
            if (FailPut.Remove(deployment, out var message))
            {
                _deployments[deployment] = new DeploymentStatus(deployment, ProvisioningState.Failed, spec.InstanceCount, message);
                throw new DeploymentFailedException(message);
            }

            _deployments[deployment] = new DeploymentStatus(deployment, ProvisioningState.Succeeded, spec.InstanceCount);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Count("scale");
            _deployments[deployment] = _deployments[deployment] with { InstanceCount = instanceCount };
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        lock (_gate)
        {
            Count("traffic");
            var violations = EndpointRules.CheckTraffic(split, compute, [.. _deployments.Values]);
            if (violations.Count > 0)
            {
                throw new EndpointRuleViolationException(violations);
            }

            _traffic = split;
            _trafficHistory.Add(split);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Count("delete");
            var violations = EndpointRules.CheckDelete(deployment, _traffic);
            if (violations.Count > 0)
            {
                throw new EndpointRuleViolationException(violations);
            }

            _deployments.Remove(deployment);
            _traffic = TrafficSplit.Create(_traffic.Live, _traffic.Mirror.Where(m => !string.Equals(m.Key, deployment, StringComparison.OrdinalIgnoreCase)));
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Count("invoke");
            var served = deployment ?? _traffic.Live.Keys.FirstOrDefault() ?? "none";
            return Task.FromResult(Answers.TryGetValue(served, out var answer) ? answer : new InvocationResult(200, "[0.5, 0.5]", served));
        }
    }

    /// <inheritdoc />
    public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult($"logs of {deployment}");

    /// <summary>The deployments that exist now.</summary>
    public IReadOnlyList<string> DeploymentNames()
    {
        lock (_gate)
        {
            return [.. _deployments.Keys.Order(StringComparer.OrdinalIgnoreCase)];
        }
    }

    private void Count(string operation)
    {
        Calls[operation] = Calls.GetValueOrDefault(operation) + 1;
        if (TransientFailures > 0 && operation != "get")
        {
            TransientFailures--;
            throw new HttpRequestException($"{name}: target unreachable (injected)");
        }
    }
}
