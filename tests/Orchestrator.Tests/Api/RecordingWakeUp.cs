using System.Collections.Concurrent;
using Orchestrator.Execution;

namespace Orchestrator.Api.Tests;

/// <summary>Stands in for the worker: records which rollouts a command asked to tick now.</summary>
internal sealed class RecordingWakeUp : IRolloutWakeUp
{
    private readonly ConcurrentQueue<Guid> _woken = new();

    public IReadOnlyList<Guid> Woken => [.. _woken];

    public Task WakeAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        _woken.Enqueue(rolloutId);
        return Task.CompletedTask;
    }
}
