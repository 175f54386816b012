namespace AzureMlEmulator;

/// <summary>How an emulator starts; everything here can also be changed later through <see cref="EmulatorKnobs"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Region reported for workspaces and endpoints.</summary>
    public string Location { get; set; } = "eastus";

    /// <summary>Accepted Microsoft.MachineLearningServices api-versions (contract §0).</summary>
    public IReadOnlyList<string> MachineLearningApiVersions { get; set; } = ["2025-12-01", "2025-09-01", "2024-10-01", "2024-04-01"];

    /// <summary>Accepted Microsoft.Insights/metrics api-versions (contract §4.5).</summary>
    public IReadOnlyList<string> MetricsApiVersions { get; set; } = ["2018-01-01", "2023-10-01", "2024-02-01"];

    /// <summary>When set, the only ARM bearer token accepted; otherwise any non-empty token is.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>The clock for metric timestamps and operation times; defaults to a settable wrapper of the system clock.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Seed of the traffic-split and mirroring dice, so runs are repeatable.</summary>
    public int Seed { get; set; } = 17;

    /// <summary>Polls answered "in progress" before an operation ends.</summary>
    public int LroPolls { get; set; } = 2;

    /// <summary>The <c>Retry-After</c> sent with operations and 429s (the real service sends 10..600 s; tests want milliseconds).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Latency every deployment adds to each scoring request, as a real model server would (the emulator's own
    /// models answer in microseconds, which makes gates that compare green with blue judge noise). Zero by default.
    /// </summary>
    public TimeSpan BaseLatency { get; set; }

    /// <summary>Items per page of LIST answers before a <c>nextLink</c>.</summary>
    public int PageSize { get; set; } = 100;
}
