namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// How the service reaches Azure Resource Manager for Azure ML online endpoints and their Azure Monitor metrics.
/// Subscription, resource group, workspace and endpoint come from each plan's target, not from here.
/// </summary>
public sealed class AzureMlOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "AzureMl";

    /// <summary>The public cloud's Resource Manager.</summary>
    public static readonly Uri PublicCloudArmEndpoint = new("https://management.azure.com/");

    /// <summary>Resource Manager's base URL; sovereign clouds, Azure Stack and the emulator need another.</summary>
    public Uri ArmEndpoint { get; set; } = PublicCloudArmEndpoint;

    /// <summary>The token audience for Resource Manager; the scope requested is this plus <c>/.default</c>.</summary>
    public string ArmAudience { get; set; } = "https://management.azure.com/";

    /// <summary>The Microsoft.MachineLearningServices api-version pinned for endpoints, deployments and their actions.</summary>
    public string MachineLearningApiVersion { get; set; } = "2025-12-01";

    /// <summary>The Microsoft.Insights/metrics api-version.</summary>
    public string MetricsApiVersion { get; set; } = "2024-02-01";

    /// <summary>Azure region for endpoints the service creates; when empty, the workspace's region is used.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// Name of an environment variable holding an ARM access token obtained beforehand (for example by
    /// <c>az account get-access-token</c>); when set, DefaultAzureCredential is not used.
    /// </summary>
    public string? AccessTokenEnvironmentVariable { get; set; }

    /// <summary>Path of a file holding an ARM access token obtained beforehand; read again on each token request, so it can be refreshed in place.</summary>
    public string? AccessTokenFile { get; set; }

    /// <summary>A PEM file with extra CA certificates to trust (private clouds, the test emulator); the system roots stay trusted.</summary>
    public string? TrustedCaCertificateFile { get; set; }

    /// <summary>How long a deployment may take to finish provisioning (create, update) before the step fails.</summary>
    public TimeSpan ProvisioningTimeout { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>How long any other long-running operation (traffic, scale, delete, endpoint create) may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The shortest wait between two polls of an operation, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait between polls when the service sends no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often one request is retried after 429, 408, 5xx, 409 "operation in progress" or a transport failure.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The first back-off when the service sends no <c>Retry-After</c> (doubles per attempt, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single back-off, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one HTTP exchange with Resource Manager.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Timeout of one scoring request through the data plane (smoke tests).</summary>
    public TimeSpan ScoringTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
