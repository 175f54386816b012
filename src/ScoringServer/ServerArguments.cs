using System.Globalization;

namespace ScoringServer;

/// <summary>
/// The scoring server's command line: <c>--model PATH [--name LABEL] [--faults JSON] [--port N]</c>, plus the
/// control token from the <c>SCORING_CONTROL_TOKEN</c> environment variable (kept off the command line so that
/// other local users cannot read it from the process list) and the warm-up request count from
/// <c>SCORING_WARMUP_REQUESTS</c> (0..100; a deployment's <c>environment_variables</c> can set it).
/// </summary>
internal sealed record ServerArguments(string ModelPath, string Name, FaultSettings Faults, int Port, string? ControlToken, int WarmUpRequests)
{
    /// <summary>Parses the arguments; every problem is reported at once.</summary>
    public static ServerArguments Parse(IReadOnlyList<string> args, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (key is not ("--model" or "--name" or "--faults" or "--port"))
            {
                problems.Add($"unknown argument '{key}'");
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problems.Add($"{key} needs a value");
                continue;
            }

            values[key] = args[++i];
        }

        var model = values.GetValueOrDefault("--model");
        if (string.IsNullOrWhiteSpace(model))
        {
            problems.Add("--model is required (a model JSON file)");
        }

        var faults = FaultSettings.None;
        if (values.TryGetValue("--faults", out var faultsJson))
        {
            faults = FaultSettings.Parse(faultsJson, problems);
        }

        var port = 0;
        if (values.TryGetValue("--port", out var portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            problems.Add($"--port '{portText}' is not a port number (0..65535)");
        }

        var warmUp = ScoringProtocol.DefaultWarmUpRequests;
        var warmUpText = Environment.GetEnvironmentVariable(ScoringProtocol.WarmUpRequestsVariable);
        if (!string.IsNullOrEmpty(warmUpText)
            && (!int.TryParse(warmUpText, NumberStyles.None, CultureInfo.InvariantCulture, out warmUp) || warmUp > 100))
        {
            problems.Add($"{ScoringProtocol.WarmUpRequestsVariable} '{warmUpText}' is not a request count (0..100)");
        }

        errors = problems;
        var token = Environment.GetEnvironmentVariable(ScoringProtocol.ControlTokenVariable);
        return new ServerArguments(model ?? string.Empty, values.GetValueOrDefault("--name") ?? "scoring", faults, port, string.IsNullOrEmpty(token) ? null : token, warmUp);
    }
}
