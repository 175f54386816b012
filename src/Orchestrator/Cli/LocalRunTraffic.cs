using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets.Local;

namespace Orchestrator.Cli;

/// <summary>
/// What <c>run</c> adds on the local target, where nobody else scores on the endpoint it creates: the scoring
/// address once the endpoint exists (so a user can drive their own traffic), the optional synthetic traffic of
/// <c>--traffic</c> with its counters, and at the end the plain cause when the gates rolled back for lack of traffic.
/// </summary>
internal sealed class LocalRunTraffic : IAsyncDisposable
{
    private readonly LocalEndpointHost _host;
    private readonly IRolloutStore _store;
    private readonly string _endpoint;
    private readonly TextWriter _progress;
    private readonly SyntheticTraffic? _traffic;
    private TrafficCounts? _lastPrinted;
    private bool _announced;

    public LocalRunTraffic(IServiceProvider services, RolloutPlan plan, int? requestsPerSecond, TextWriter progress)
    {
        _host = services.GetRequiredService<LocalEndpointHost>();
        _store = services.GetRequiredService<IRolloutStore>();
        _endpoint = plan.Target.Endpoint;
        _progress = progress;
        if (requestsPerSecond is { } rate)
        {
            _traffic = new SyntheticTraffic(_host, _endpoint, rate, RequestBody(plan), services.GetRequiredService<TimeProvider>());
        }
    }

    /// <summary>Where the body of <c>--traffic</c> comes from, for the progress line.</summary>
    public static string BodySource(RolloutPlan plan) =>
        SmokeTestWithFile(plan)?.RequestFile ?? "samples/sample-request.json";

    /// <summary>Starts the traffic (if any) and follows the rollout to announce the endpoint and the counters.</summary>
    public void Attach(ForegroundRollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        rollout.Changed += OnChangedAsync;
        _traffic?.Start();
    }

    /// <summary>Stops the traffic and adds its counters and, when it applies, the no-traffic cause to the summary.</summary>
    public async Task<RolloutSummary> CompleteAsync(RolloutSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await DisposeAsync().ConfigureAwait(false);
        if (_traffic is not null)
        {
            summary = summary with { SyntheticTraffic = _traffic.Counts };
        }

        // Only the gates' own decisions name a gate; an abort (Ctrl+C) or a failed smoke test is not about traffic.
        if (_traffic is null && summary.FinalState == RolloutPhase.RolledBack && summary.RollbackReason?.Contains("gate '", StringComparison.Ordinal) == true
            && _host.GetEndpoint(_endpoint) is { } endpoint)
        {
            var rounds = await _store.GetGateRoundsAsync(summary.RolloutId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (rounds.Count > 0)
            {
                summary = summary with { RollbackHint = NoTrafficHint.For(rounds[^1].Evaluations, endpoint.ScoringUri) };
            }
        }

        return summary;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_traffic is not null)
        {
            await _traffic.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task OnChangedAsync(Rollout rollout)
    {
        if (!_announced && _host.GetEndpoint(_endpoint) is { } endpoint)
        {
            _announced = true;
            // The key is a secret: say where it is (a file only this user can read), never print it.
            await _progress.WriteLineAsync($"  endpoint {_endpoint} scores at POST {endpoint.ScoringUri} with 'Authorization: Bearer <key>'; the keys are in {_host.StorePath}").ConfigureAwait(false);
        }

        if (_traffic?.Counts is { Sent: > 0 } counts && counts != _lastPrinted && !rollout.Phase.IsTerminal())
        {
            _lastPrinted = counts;
            await _progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  synthetic traffic: {counts.Sent} sent, {counts.Failed} failed")).ConfigureAwait(false);
        }
    }

    private static string RequestBody(RolloutPlan plan) =>
        SmokeTestWithFile(plan)?.RequestBody ?? File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "sample-request.json"));

    private static RolloutStep.SmokeTest? SmokeTestWithFile(RolloutPlan plan) =>
        plan.Steps.OfType<RolloutStep.SmokeTest>().FirstOrDefault(s => s.RequestFile is not null);
}
