using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Cli.Client;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Cli;

/// <summary>How a foreground rollout ended, for people (one paragraph) and pipelines (one JSON object).</summary>
internal sealed record RolloutSummary(
    Guid RolloutId,
    string Endpoint,
    RolloutPhase FinalState,
    int StepsCompleted,
    int TotalSteps,
    string? RollbackReason,
    IReadOnlyDictionary<string, int> Traffic,
    IReadOnlyDictionary<string, int> Mirror,
    IReadOnlyList<string> Deployments,
    double DurationSeconds)
{
    // A pipeline reads this from stdout, never a web page: quotes and '+' in reasons stay as written, not \u0027.
    private static readonly JsonSerializerOptions Json = new(StoredJson.Options) { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What <c>run --traffic</c> sent (null without it); not <c>traffic</c>, which is the end split.</summary>
    public TrafficCounts? SyntheticTraffic { get; init; }

    /// <summary>The cause behind <see cref="RollbackReason"/> when it is plain: no traffic reached a local endpoint.</summary>
    public string? RollbackHint { get; init; }

    /// <summary>Reads the rollout's end state and the endpoint's actual traffic and deployments.</summary>
    public static async Task<RolloutSummary> ForAsync(Rollout rollout, IEndpointTargetFactory targets, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var state = await targets.Create(rollout.Plan.Target).GetStateAsync(cancellationToken);
        return new RolloutSummary(
            rollout.Id,
            rollout.Plan.Target.Endpoint,
            rollout.Phase,
            rollout.Phase == RolloutPhase.Succeeded ? rollout.Plan.Steps.Count : Math.Max(0, rollout.StepIndex),
            rollout.Plan.Steps.Count,
            rollout.RollbackReason,
            state?.Traffic.Live ?? (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(),
            state?.Traffic.Mirror ?? (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(),
            state?.Deployments.Select(d => d.Name).Order(StringComparer.OrdinalIgnoreCase).ToList() ?? [],
            Math.Round((now - rollout.CreatedAt).TotalSeconds, 1));
    }

    /// <summary>The exit code for a pipeline: 0 succeeded, 1 rolled back (or cancelled while queued: it did not happen), 3 the rollback itself failed.</summary>
    [JsonIgnore]
    public int ExitCode => ExitCodes.ForFinalState(FinalState);

    /// <summary>One JSON object.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the summary for people.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine($"Rollout {RolloutId} on {Endpoint}: {FinalState} after {DurationSeconds:0.0} s, {StepsCompleted}/{TotalSteps} steps completed.");
        if (RollbackReason is not null)
        {
            output.WriteLine($"{(FinalState == RolloutPhase.Cancelled ? "Cancelled" : "Rollback reason")}: {RollbackReason}");
        }

        if (RollbackHint is not null)
        {
            output.WriteLine($"Cause: {RollbackHint}");
        }

        if (SyntheticTraffic is { } sent)
        {
            output.WriteLine($"Synthetic traffic: {sent.Sent} requests sent, {sent.Failed} failed.");
        }

        output.WriteLine($"Traffic: {RolloutText.Percents(Traffic)}; mirror: {RolloutText.Percents(Mirror)}; deployments: {string.Join(", ", Deployments)}");
    }
}
