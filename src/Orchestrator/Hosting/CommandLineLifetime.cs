using Microsoft.Extensions.Hosting;

namespace Orchestrator.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the verb (<c>run</c>, <c>demo</c>: the foreground rollout
/// aborts and waits for its rollback). The default console lifetime would take the signal to stop the node, so the
/// rollout would never be aborted and the verb would wait forever on a node that no longer works.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
