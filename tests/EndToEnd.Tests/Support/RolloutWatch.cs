using System.Diagnostics;
using Orchestrator.Rollouts;
using Xunit.Sdk;

namespace EndToEnd.Tests.Support;

/// <summary>
/// Polls <c>GET /rollouts/{id}</c> until a condition holds, and checks the architecture's invariants on every answer:
/// actual live traffic sums to 0 or 100, traffic only goes to provisioned deployments, and the baseline disappears
/// only after the rollout passed through Promoted. A timeout or a broken invariant fails the test at once, with the
/// audit log, the gate rounds and the service's output in the message.
/// </summary>
internal sealed class RolloutWatch(ServiceFixture service, Guid rolloutId)
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly List<RolloutPhase> _states = [];
    private bool _baselineSeen;

    public Guid RolloutId => rolloutId;

    /// <summary>Every state seen, in order, each once per stretch.</summary>
    public IReadOnlyList<RolloutPhase> StatesSeen => _states;

    /// <summary>The last answer.</summary>
    public RolloutDto? Last { get; private set; }

    /// <summary>When true, a service that does not answer (killed, restarting) is waited for instead of failing.</summary>
    public bool TolerateDowntime { get; set; }

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="meanwhile"/> (a violation message, or null) must hold on every answer before.</summary>
    public async Task<RolloutDto> UntilAsync(Func<RolloutDto, bool> condition, string description, Func<RolloutDto, string?>? meanwhile = null, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (await PollAsync() is { } rollout)
            {
                if (condition(rollout))
                {
                    return rollout;
                }

                if (meanwhile?.Invoke(rollout) is { } violation)
                {
                    throw await FailAsync($"while waiting until {description}: {violation}");
                }
            }

            if (elapsed.Elapsed > limit)
            {
                throw await FailAsync($"timed out after {limit.TotalSeconds:0} s waiting until {description}");
            }

            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Waits until the rollout is in <paramref name="state"/>.</summary>
    public Task<RolloutDto> UntilStateAsync(RolloutPhase state, Func<RolloutDto, string?>? meanwhile = null, TimeSpan? deadline = null) =>
        UntilAsync(r => r.State == state, $"the rollout is {state}", meanwhile, deadline);

    /// <summary>
    /// Waits until the rollout bakes <paramref name="step"/> in <paramref name="state"/> with the step's split in place: the
    /// state changes first and the next tick moves the traffic, so an act meant for "10% live" waits for the 10%.
    /// </summary>
    public Task<RolloutDto> UntilBakingAsync(RolloutPhase state, int step) =>
        UntilAsync(
            r => r.State == state && r.StepIndex == step && r.ActualTraffic.Traffic is { } actual && actual.SameSplitAs(r.DesiredTraffic),
            $"the rollout bakes step {step} in {state} with its split in place");

    /// <summary>Waits until the rollout ended (Succeeded, RolledBack or Failed).</summary>
    public Task<RolloutDto> UntilEndedAsync(Func<RolloutDto, string?>? meanwhile = null) =>
        UntilAsync(r => r.State.IsTerminal(), "the rollout ended", meanwhile);

    private async Task<RolloutDto?> PollAsync()
    {
        RolloutDto rollout;
        try
        {
            rollout = await service.Admin.GetRolloutAsync(rolloutId);
        }
        catch (Exception e) when (TolerateDowntime && e is HttpRequestException { StatusCode: null } or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }

        if (_states.Count == 0 || _states[^1] != rollout.State)
        {
            _states.Add(rollout.State);
        }

        Last = rollout;
        if (Violation(rollout) is { } violation)
        {
            throw await FailAsync($"invariant broken: {violation}");
        }

        return rollout;
    }

    private string? Violation(RolloutDto rollout)
    {
        if (rollout.ActualTraffic is not { Known: true, Traffic: { } traffic, Deployments: { } deployments })
        {
            return null;
        }

        var live = traffic.Live.Values.Sum();
        if (live is not (0 or 100))
        {
            return $"live traffic sums to {live}: {traffic}";
        }

        var unprovisioned = traffic.Live.Keys.Concat(traffic.Mirror.Keys)
            .Where(name => deployments.FirstOrDefault(d => d.Name == name) is not { Provisioning: Orchestrator.Endpoints.ProvisioningState.Succeeded })
            .ToList();
        if (unprovisioned.Count > 0)
        {
            return $"traffic goes to {string.Join(", ", unprovisioned)}, which is not provisioned: {rollout.ActualTraffic}";
        }

        if (deployments.Any(d => d.Name == rollout.Baseline))
        {
            _baselineSeen = true;
        }
        else if (_baselineSeen
            && (rollout.State is not (RolloutPhase.DeletingBaseline or RolloutPhase.Succeeded) || !_states.Contains(RolloutPhase.Promoted)))
        {
            return $"baseline {rollout.Baseline} is gone in state {rollout.State} (states seen: {string.Join(" → ", _states)}); it may go only after Promoted passed";
        }

        return null;
    }

    private async Task<XunitException> FailAsync(string message) =>
        new($"{message}\nlast seen: {Last}\nstates seen: {string.Join(" → ", _states)}\n{await service.ExplainAsync(rolloutId)}");
}
