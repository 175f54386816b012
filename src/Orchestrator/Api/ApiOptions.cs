namespace Orchestrator.Api;

/// <summary>Settings of the HTTP API (configuration section <c>Orchestrator:Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Orchestrator:Api";

    /// <summary>An admin key to install at start (named <c>admin</c>); when unset, the first start creates one and logs it once.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How long GET /rollouts/{id} waits for the target's actual traffic before showing it as unknown.</summary>
    public TimeSpan ActualTrafficTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest plan body accepted, in bytes.</summary>
    public int MaxPlanBytes { get; set; } = 1024 * 1024;
}
