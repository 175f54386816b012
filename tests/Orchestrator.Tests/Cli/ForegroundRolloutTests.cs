using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Cli.Tests;

/// <summary>The foreground rollout of <c>run</c> with a queue plan, on the scenario core with a hand-driven clock.</summary>
public sealed class ForegroundRolloutTests : IAsyncLifetime
{
    private static readonly string QueuePlan = $$$"""
        target: {kind: local, endpoint: ep}
        baseline: {name: blue}
        candidate: {name: green2, spec: {model: "{{{RepoRoot.Combine("samples", "models", "model-2.json")}}}"}}
        steps: [deploy, {traffic: {percent: 100, bake: 1m}}]
        gates: {inline: {interval: 10s, gates: [{name: rate, metric: request_rate, min: 0.1, window: 1m, minSamples: 1}]}}
        onBusyEndpoint: queue
        """;

    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunAsync_QueuePlanOnBusyEndpoint_SaysItWaitsAndAnInterruptCancelsIt()
    {
        var active = await _host.SeedAsync(new PlanBuilder().DefaultPath(TimeSpan.FromMinutes(1)).Build());
        await _host.TickUntilWaitingAsync(active);
        var progress = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        var actor = new Actor("ci", ActorRole.ReleaseManager, CommandSource.Cli);

        var run = Task.Run(() => new ForegroundRollout(_host.Get<IServiceProvider>(), TextWriter.Synchronized(progress)).RunAsync(QueuePlan, actor, interrupt.Token));
        await UntilAsync(() => progress.ToString().Contains("waiting for the endpoint", StringComparison.Ordinal), run);
        interrupt.Cancel();
        await UntilAsync(() => run.IsCompleted, run);
        var summary = await run;

        var output = progress.ToString();
        Assert.Contains($"endpoint ep is busy: queued behind rollout {active}", output, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Cancelled, 1), (summary.FinalState, summary.ExitCode));
        Assert.Contains("cancelled by ci while queued", summary.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(active)).Phase);
    }

    /// <summary>Moves the test clock past the follower's poll interval until the condition holds (or the run failed).</summary>
    private async Task UntilAsync(Func<bool> condition, Task run)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            if (run.IsFaulted)
            {
                await run;
            }

            deadline.Token.ThrowIfCancellationRequested();
            _host.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token);
        }
    }
}
