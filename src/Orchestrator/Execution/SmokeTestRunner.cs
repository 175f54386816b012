using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Orchestrator.Execution;

/// <summary>Invokes the candidate alone (through the deployment header) and judges its answer.</summary>
public sealed class SmokeTestRunner
{
    /// <summary>Relative tolerance for numbers in the expected output (models are recomputed in double precision).</summary>
    public const double NumberTolerance = 1e-9;

    /// <summary>Runs the smoke test; never throws for a wrong answer, only for an unreachable target.</summary>
    public async Task<SmokeTestOutcome> RunAsync(IEndpointTarget target, string candidate, RolloutStep.SmokeTest step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(step);
        var result = await target.InvokeAsync(step.RequestBody, candidate, cancellationToken);
        if (result.StatusCode != step.ExpectedStatus)
        {
            return new(false, $"smoke test of {candidate}: status {result.StatusCode}, expected {step.ExpectedStatus}: {Shorten(result.Body)}");
        }

        if (step.ExpectedOutput is { } expected && !OutputMatches(expected, result.Body))
        {
            return new(false, $"smoke test of {candidate}: answered {Shorten(result.Body)}, expected {expected}");
        }

        return new(true, $"smoke test of {candidate} passed: {result.StatusCode} {Shorten(result.Body)}");
    }

    /// <summary>Compares JSON structurally (numbers within <see cref="NumberTolerance"/>); non-JSON compares as trimmed text.</summary>
    public static bool OutputMatches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        try
        {
            return JsonEquivalent(JsonNode.Parse(expected), JsonNode.Parse(actual));
        }
        catch (JsonException)
        {
            return string.Equals(expected.Trim(), actual.Trim(), StringComparison.Ordinal);
        }
    }

    private static bool JsonEquivalent(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => JsonEquivalent(p.First, p.Second)),
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var v) && JsonEquivalent(p.Value, v)),
        (JsonValue x, JsonValue y) when x.TryGetValue(out double dx) && y.TryGetValue(out double dy) =>
            Math.Abs(dx - dy) <= NumberTolerance * Math.Max(1, Math.Max(Math.Abs(dx), Math.Abs(dy))),
        (JsonValue x, JsonValue y) => JsonNode.DeepEquals(x, y),
        _ => false,
    };

    private static string Shorten(string body) =>
        body.Length <= 200 ? body.Trim() : string.Create(CultureInfo.InvariantCulture, $"{body[..200].Trim()}… ({body.Length} chars)");
}

/// <summary>A smoke test's outcome, with a sentence for the audit log.</summary>
public sealed record SmokeTestOutcome(bool Passed, string Description);
