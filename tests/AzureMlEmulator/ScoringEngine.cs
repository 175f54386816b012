using System.Diagnostics;

namespace AzureMlEmulator;

/// <summary>What one scoring request came to.</summary>
/// <param name="Status">The front door's status.</param>
/// <param name="Body">The answer's body.</param>
/// <param name="ServedBy">The deployment that answered, when one did.</param>
/// <param name="ModelStatus">The model container's status ("" when not applicable).</param>
internal sealed record ScoringOutcome(int Status, string Body, string? ServedBy, string ModelStatus);

/// <summary>
/// Routing and scoring (contract §3): live weights, or the deployment the <c>azureml-model-deployment</c> header
/// pins (then nothing is mirrored); mirrored copies to the shadow deployment whose answers are dropped; every
/// request served is recorded. Injected latency delays live answers when asked to, and is always added to the
/// recorded latency of mirrored and synthetic requests.
/// </summary>
internal sealed class ScoringEngine(EmulatorState state)
{
    private sealed record Served(string Deployment, bool ConstantModel, TimeSpan Latency, int? InjectedStatus);

    /// <summary>Scores one request; <paramref name="authorization"/> null skips auth (the emulator's own synthetic load).</summary>
    public async Task<ScoringOutcome> ScoreAsync(string ep, string body, string? authorization, string? pinned, bool delay, CancellationToken cancellationToken)
    {
        Served live;
        var mirrors = new List<Served>();
        lock (state.Gate)
        {
            var endpoint = state.EndpointByName(ep);
            if (endpoint is null)
            {
                return Message(404, $"Endpoint '{ep}' not found.");
            }

            if (authorization is not null && !Authorized(endpoint, authorization))
            {
                return Message(401, "Unauthorized: the key or token is missing, expired or in the wrong format.");
            }

            var name = pinned ?? Pick(endpoint.Traffic, state);
            if (name is null || !endpoint.Deployments.TryGetValue(name, out var deployment))
            {
                return pinned is null
                    ? Message(404, "The endpoint doesn't have any valid deployment with positive weight.")
                    : Message(404, $"Deployment '{pinned}' not found for endpoint '{ep}'.");
            }

            if (deployment.ProvisioningState is not ("Succeeded" or "Updating" or "Scaling"))
            {
                return Message(503, $"Deployment '{deployment.Name}' is {deployment.ProvisioningState}.");
            }

            live = Prepare(deployment, state);
            foreach (var (shadow, percent) in pinned is null ? endpoint.Mirror : [])
            {
                if (percent > 0 && endpoint.Deployments.TryGetValue(shadow, out var target) && state.NextDouble() * 100 < percent)
                {
                    mirrors.Add(Prepare(target, state));
                }
            }
        }

        var started = Stopwatch.GetTimestamp();
        if (delay && live.Latency > TimeSpan.Zero)
        {
            await Task.Delay(live.Latency, cancellationToken);
        }

        var (status, answer, modelStatus) = Execute(live, body);
        var elapsed = Stopwatch.GetElapsedTime(started) + (delay ? TimeSpan.Zero : live.Latency);
        Record(state, ep, live, status, modelStatus, elapsed.TotalMilliseconds, mirrored: false, pinned: pinned is not null);
        foreach (var mirror in mirrors)
        {
            var mirrorStarted = Stopwatch.GetTimestamp();
            var (mirrorStatus, _, mirrorModelStatus) = Execute(mirror, body);
            Record(state, ep, mirror, mirrorStatus, mirrorModelStatus, (Stopwatch.GetElapsedTime(mirrorStarted) + mirror.Latency).TotalMilliseconds, mirrored: true, pinned: false);
        }

        return new ScoringOutcome(status, answer, live.Deployment, modelStatus);
    }

    private static bool Authorized(EndpointRecord endpoint, string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var secret = authorization["Bearer ".Length..];
        return endpoint.AuthMode switch
        {
            "AMLToken" => endpoint.IssuedTokens.Contains(secret),
            "AADToken" => secret.Length > 0,
            _ => secret == endpoint.PrimaryKey || secret == endpoint.SecondaryKey,
        };
    }

    /// <summary>Live routing: one roll of the dice over the positive weights.</summary>
    private static string? Pick(Dictionary<string, int> traffic, EmulatorState state)
    {
        var total = traffic.Values.Where(v => v > 0).Sum();
        if (total <= 0)
        {
            return null;
        }

        var roll = state.NextDouble() * total;
        foreach (var (name, weight) in traffic.Where(t => t.Value > 0).OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            roll -= weight;
            if (roll < 0)
            {
                return name;
            }
        }

        return traffic.Last(t => t.Value > 0).Key;
    }

    private static Served Prepare(DeploymentRecord deployment, EmulatorState state)
    {
        var (rate, injectedStatus) = state.Knobs.ErrorsOf(deployment.Name);
        var fails = rate > 0 && state.NextDouble() < rate;
        deployment.Logs.Add($"{state.Clock.GetUtcNow():O} {(deployment.IsConstantModel ? "model 2" : "model 1")}: request received");
        return new Served(deployment.Name, deployment.IsConstantModel, state.Knobs.LatencyOf(deployment.Name), fails ? injectedStatus : null);
    }

    private static (int Status, string Body, string ModelStatus) Execute(Served served, string body)
    {
        if (served.InjectedStatus is { } injected)
        {
            return (injected, $"{{\"message\": \"Injected fault: HTTP {injected}.\"}}", "");
        }

        var (ok, answer) = SampleModels.Score(served.ConstantModel, body);

        // A raising run() is a 500 in the container, which the managed front door answers as 424 (contract §5.2).
        return ok ? (200, answer, "200") : (424, answer, "500");
    }

    private static void Record(EmulatorState state, string ep, Served served, int status, string modelStatus, double latencyMs, bool mirrored, bool pinned)
    {
        lock (state.Gate)
        {
            state.Record(new ScoringRecord(state.Clock.GetUtcNow(), ep, served.Deployment, status, modelStatus, latencyMs, mirrored, pinned));
        }
    }

    private static ScoringOutcome Message(int status, string message) => new(status, $"{{\"message\": \"{message}\"}}", null, "");
}
