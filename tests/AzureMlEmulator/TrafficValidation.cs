using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>The service's traffic rules V1–V5 and V7 with the emulator's error texts (contract §1.6).</summary>
internal static class TrafficValidation
{
    /// <summary>Every broken rule of an endpoint PUT's <c>traffic</c>/<c>mirrorTraffic</c>; empty when it is allowed.</summary>
    public static List<string> Check(JsonObject properties, EndpointRecord? existing, string endpointName, bool kubernetes)
    {
        var problems = new List<string>();
        var live = Read(properties["traffic"], problems);
        var mirror = Read(properties["mirrorTraffic"], problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var liveSum = live.Values.Sum();
        if (liveSum is not (0 or 100))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Traffic values must sum to 0 or 100. Current sum: {liveSum}."));
        }

        var mirrored = mirror.Where(m => m.Value > 0).ToList();
        var mirrorSum = mirrored.Sum(m => m.Value);
        if (mirrorSum > 50)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Mirror traffic cannot exceed 50 percent. Requested: {mirrorSum}."));
        }

        if (mirrored.Count > 1)
        {
            problems.Add("Mirror traffic can target only one deployment.");
        }

        foreach (var (name, _) in mirrored.Where(m => live.GetValueOrDefault(m.Key) > 0))
        {
            problems.Add($"Deployment '{name}' cannot receive both live and mirrored traffic.");
        }

        if (kubernetes && mirrored.Count > 0)
        {
            problems.Add("Mirror traffic is not supported for Kubernetes online endpoints.");
        }

        foreach (var name in live.Where(l => l.Value > 0).Select(l => l.Key).Concat(mirrored.Select(m => m.Key)))
        {
            if (existing is null || !existing.Deployments.ContainsKey(name))
            {
                problems.Add($"Deployment '{name}' does not exist under endpoint '{endpointName}'.");
            }
        }

        return problems;
    }

    private static Dictionary<string, int> Read(JsonNode? node, List<string> problems)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject values)
        {
            problems.Add("Traffic values must be integers between 0 and 100.");
            return map;
        }

        foreach (var (name, value) in values)
        {
            if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<int>(out var percent) && percent is >= 0 and <= 100)
            {
                map[name] = map.GetValueOrDefault(name) + percent;
            }
            else
            {
                problems.Add("Traffic values must be integers between 0 and 100.");
            }
        }

        return map;
    }
}
