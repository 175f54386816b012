using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>Everything the emulator holds: endpoints, deployments, operations and scoring records, under one lock.</summary>
internal sealed class EmulatorState(EmulatorOptions options, EmulatorKnobs knobs, TimeProvider clock)
{
    private readonly Dictionary<string, EndpointRecord> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LongRunningOperation> _operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ScoringRecord> _scoring = [];
    private readonly Random _dice = new(options.Seed);

    public Lock Gate { get; } = new();

    public EmulatorOptions Options => options;

    public EmulatorKnobs Knobs => knobs;

    public TimeProvider Clock => clock;

    /// <summary>The public base URL (set once Kestrel has bound its port).</summary>
    public string BaseUrl { get; set; } = "";

    public static string WorkspaceKey(string subscription, string resourceGroup, string workspace) =>
        $"{subscription}/{resourceGroup}/{workspace}";

    public static string WorkspaceId(string subscription, string resourceGroup, string workspace) =>
        $"/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{workspace}";

    public EndpointRecord? Endpoint(string workspaceKey, string name) =>
        _endpoints.GetValueOrDefault($"{workspaceKey}/{name}");

    public IEnumerable<EndpointRecord> Endpoints(string workspaceKey) =>
        _endpoints.Values.Where(e => string.Equals(e.WorkspaceKey, workspaceKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>The endpoint a scoring URI names (endpoint names are unique per region, contract §1.1).</summary>
    public EndpointRecord? EndpointByName(string name) =>
        _endpoints.Values.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs an action on an endpoint under the lock, or answers 404.</summary>
    public IResult WithEndpoint(string sub, string rg, string ws, string ep, Func<EndpointRecord, IResult> action)
    {
        lock (Gate)
        {
            var endpoint = Endpoint(WorkspaceKey(sub, rg, ws), ep);
            return endpoint is null ? ArmError.NotFound($"{WorkspaceId(sub, rg, ws)}/onlineEndpoints/{ep}") : action(endpoint);
        }
    }

    /// <summary>Creates a provisioned endpoint with deployments and traffic, as if made earlier by someone else.</summary>
    public void Seed(string subscription, string resourceGroup, string workspace, string endpoint, IReadOnlyDictionary<string, int> traffic, string? kubernetesCompute, string model)
    {
        lock (Gate)
        {
            var id = $"{WorkspaceId(subscription, resourceGroup, workspace)}/onlineEndpoints/{endpoint}";
            var properties = new JsonObject
            {
                ["authMode"] = "Key",
                ["provisioningState"] = "Succeeded",
                ["scoringUri"] = $"{BaseUrl}/inference/{endpoint}/score",
                ["traffic"] = new JsonObject([.. traffic.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]),
            };
            if (kubernetesCompute is not null)
            {
                properties["compute"] = kubernetesCompute;
            }

            var resource = new JsonObject { ["location"] = Options.Location, ["kind"] = kubernetesCompute is null ? "Managed" : "Kubernetes", ["properties"] = properties };
            ArmResource.Stamp(resource, id, endpoint, EndpointRoutes.EndpointType, Clock.GetUtcNow(), null);
            var record = new EndpointRecord { Id = id, Name = endpoint, WorkspaceKey = WorkspaceKey(subscription, resourceGroup, workspace), Resource = resource };
            foreach (var name in traffic.Keys)
            {
                var deployment = new JsonObject
                {
                    ["location"] = Options.Location,
                    ["sku"] = new JsonObject { ["name"] = "Default", ["capacity"] = 1 },
                    ["properties"] = new JsonObject { ["endpointComputeType"] = kubernetesCompute is null ? "Managed" : "Kubernetes", ["model"] = model, ["provisioningState"] = "Succeeded" },
                };
                ArmResource.Stamp(deployment, $"{id}/deployments/{name}", name, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments", Clock.GetUtcNow(), null);
                record.Deployments[name] = new DeploymentRecord { Id = $"{id}/deployments/{name}", Name = name, Resource = deployment };
            }

            Add(record);
        }
    }

    public void Add(EndpointRecord endpoint) => _endpoints[$"{endpoint.WorkspaceKey}/{endpoint.Name}"] = endpoint;

    public void Remove(EndpointRecord endpoint) => _endpoints.Remove($"{endpoint.WorkspaceKey}/{endpoint.Name}");

    /// <summary>Starts an operation; with zero polls configured it ends at once.</summary>
    public LongRunningOperation Start(string kind, EndpointRecord endpoint, Action onSucceeded, Action<string>? onFailed = null, string? failure = null, Func<JsonObject?>? finalBody = null)
    {
        var operation = new LongRunningOperation
        {
            Id = $"oe:{Guid.NewGuid():N}:{Guid.NewGuid():N}",
            Kind = kind,
            Endpoint = endpoint,
            StartTime = clock.GetUtcNow(),
            OnSucceeded = onSucceeded,
            OnFailed = onFailed ?? (_ => { }),
            Failure = failure,
            FinalBody = finalBody ?? (() => null),
            RemainingPolls = knobs.LroPolls,
        };
        _operations[operation.Id] = operation;
        endpoint.Active = operation;
        if (knobs.LroPolls <= 0 && !knobs.OperationsNeverFinish)
        {
            operation.Finish(clock.GetUtcNow());
        }

        return operation;
    }

    public LongRunningOperation? Operation(string id) => _operations.GetValueOrDefault(id);

    /// <summary>A GET of the endpoint or one of its deployments also moves its running operation on.</summary>
    public void ObserveActive(EndpointRecord endpoint) => endpoint.Active?.Observe(knobs.OperationsNeverFinish, clock.GetUtcNow());

    public void Observe(LongRunningOperation operation) => operation.Observe(knobs.OperationsNeverFinish, clock.GetUtcNow());

    /// <summary>Absolute polling URLs built from the public base URL (contract §1.4, §7 pitfall 4).</summary>
    public string StatusUrl(string subscription, LongRunningOperation operation, string apiVersion) =>
        $"{BaseUrl}/subscriptions/{subscription}/providers/Microsoft.MachineLearningServices/locations/{options.Location}/mfeOperationsStatus/{operation.Id}?api-version={apiVersion}";

    public string ResultUrl(string subscription, LongRunningOperation operation, string apiVersion) =>
        $"{BaseUrl}/subscriptions/{subscription}/providers/Microsoft.MachineLearningServices/locations/{options.Location}/mfeOperationResults/{operation.Id}?api-version={apiVersion}";

    public double NextDouble() => _dice.NextDouble();

    public void Record(ScoringRecord record) => _scoring.Add(record);

    public IReadOnlyList<ScoringRecord> Scoring() => [.. _scoring];
}
