using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets.Local;

namespace Orchestrator.Api;

/// <summary>
/// Operator routes on the embedded local target, <c>/api/v1/local/endpoints/{endpoint}</c>: read an endpoint (scoring
/// URI, traffic, deployments and their processes), list its scoring keys (admin), and change a deployment's injected
/// faults while it runs (admin), so a fault can start in the middle of a rollout.
/// </summary>
internal static partial class LocalEndpointsApi
{
    private static readonly IReadOnlyList<ActorRole> Admins = [ActorRole.Admin];

    public static RouteGroupBuilder MapLocalEndpointsApi(this RouteGroupBuilder api)
    {
        var local = api.MapGroup("/local/endpoints").WithTags("Local endpoints");

        local.MapGet("/{endpoint}", GetLocalEndpoint)
            .WithName(nameof(GetLocalEndpoint))
            .WithSummary("A local endpoint: scoring URI, live and mirrored traffic, deployments with their instances.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(ApiRoles.Readers);

        local.MapPost("/{endpoint}/listKeys", ListLocalEndpointKeys)
            .WithName(nameof(ListLocalEndpointKeys))
            .WithSummary("The endpoint's two scoring keys (as Azure ML's listKeys).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Admins);

        local.MapPut("/{endpoint}/deployments/{deployment}/faults", SetLocalDeploymentFaults)
            .WithName(nameof(SetLocalDeploymentFaults))
            .WithSummary("Replace the faults a deployment injects, at once, on every running instance (until its next update).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Admins);

        return local;
    }

    public static Results<Ok<LocalEndpointView>, ProblemHttpResult> GetLocalEndpoint(string endpoint, HttpContext context)
    {
        if (Find(context, endpoint, out var problem) is not { } local)
        {
            return problem!;
        }

        var state = local.GetState();
        var deployments = state.Deployments.Select(d => LocalDeploymentView.Of(d, local)).ToList();
        return TypedResults.Ok(new LocalEndpointView(local.Name, local.Compute, local.ScoringUri, TrafficView.From(state.Traffic), deployments, local.MirrorDropped));
    }

    public static Results<Ok<Targets.Local.EndpointKeys>, ProblemHttpResult> ListLocalEndpointKeys(string endpoint, HttpContext context, ClaimsPrincipal user, ILoggerFactory loggers)
    {
        if (Find(context, endpoint, out var problem) is not { } local)
        {
            return problem!;
        }

        var logger = loggers.CreateLogger(typeof(LocalEndpointsApi));
        var actor = user.ToActor();
        Log.KeysListed(logger, local.Name, actor.Name);
        return TypedResults.Ok(local.Keys);
    }

    public static async Task<Results<Ok<LocalDeploymentView>, ProblemHttpResult>> SetLocalDeploymentFaults(
        string endpoint, string deployment, FaultInjection? body, HttpContext context, ClaimsPrincipal user, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var faults = body ?? throw new CommandValidationException([new ValidationFailure("body", "the faults are required as JSON, e.g. {\"errorRate\": 0.5}; {} clears them")]);
        var failures = LocalDeploymentSpecValidator.ValidateFaults(faults).Select(ToFailure).ToList();
        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }

        if (Find(context, endpoint, out var problem) is not { } local)
        {
            return problem!;
        }

        if (local.GetState().Deployment(deployment) is null)
        {
            return NoDeployment(local.Name, deployment);
        }

        try
        {
            await local.SetFaultsAsync(deployment, faults, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Deleted between the check and the change.
            return NoDeployment(local.Name, deployment);
        }

        var logger = loggers.CreateLogger(typeof(LocalEndpointsApi));
        var actor = user.ToActor();
        Log.FaultsSet(logger, local.Name, deployment, actor.Name, faults);
        var status = local.GetState().Deployment(deployment);
        return status is null ? NoDeployment(local.Name, deployment) : TypedResults.Ok(LocalDeploymentView.Of(status, local));
    }

    private static LocalEndpoint? Find(HttpContext context, string endpoint, out ProblemHttpResult? problem)
    {
        problem = null;
        if (context.RequestServices.GetService<LocalEndpointHost>() is not { } host)
        {
            // A node without the embedded host (a headless worker, or a test host) has no local endpoints to show.
            problem = TypedResults.Problem(ApiProblems.Create(StatusCodes.Status404NotFound, "This node runs no local endpoint host."));
            return null;
        }

        var local = host.GetEndpoint(endpoint);
        if (local is null)
        {
            problem = TypedResults.Problem(ApiProblems.Create(
                StatusCodes.Status404NotFound,
                $"No local endpoint is named '{endpoint}'. A rollout whose plan targets it creates it.",
                new Dictionary<string, object?> { ["endpoint"] = endpoint }));
        }

        return local;
    }

    private static ProblemHttpResult NoDeployment(string endpoint, string deployment) =>
        TypedResults.Problem(ApiProblems.Create(
            StatusCodes.Status404NotFound,
            $"The local endpoint '{endpoint}' has no deployment named '{deployment}'.",
            new Dictionary<string, object?> { ["endpoint"] = endpoint, ["deployment"] = deployment }));

    /// <summary>The validator speaks the plan's YAML names (<c>faults.error_rate: ...</c>); the body uses the JSON names.</summary>
    private static ValidationFailure ToFailure(string problem)
    {
        var separator = problem.IndexOf(": ", StringComparison.Ordinal);
        var field = separator < 0 ? "body" : problem[..separator];
        var message = separator < 0 ? problem : problem[(separator + 2)..];
        return new ValidationFailure(
            field switch
            {
                "faults.error_rate" => "errorRate",
                "faults.latency" => "latency",
                "faults.crash_after_requests" => "crashAfterRequests",
                _ => field,
            },
            message);
    }

    /// <summary>A local endpoint as operators and tests see it.</summary>
    /// <param name="Name">The endpoint's name.</param>
    /// <param name="Compute">Managed or Kubernetes.</param>
    /// <param name="ScoringUri">Where clients score (<c>POST</c>, <c>Authorization: Bearer &lt;key&gt;</c>).</param>
    /// <param name="Traffic">Live and mirrored percent by deployment.</param>
    /// <param name="Deployments">The deployments, by name.</param>
    /// <param name="MirrorDropped">Mirrored copies dropped because the mirror queue was full.</param>
    public sealed record LocalEndpointView(
        string Name,
        EndpointCompute Compute,
        Uri ScoringUri,
        TrafficView Traffic,
        IReadOnlyList<LocalDeploymentView> Deployments,
        long MirrorDropped);

    /// <summary>One deployment of a local endpoint: provisioning, the faults in force, and its processes.</summary>
    /// <param name="Name">The deployment's name.</param>
    /// <param name="Provisioning">Its provisioning state.</param>
    /// <param name="InstanceCount">Instances requested.</param>
    /// <param name="ReadyInstances">Instances ready to score now.</param>
    /// <param name="Error">Why provisioning failed, when it did.</param>
    /// <param name="Faults">The faults in force.</param>
    /// <param name="Instances">Each instance: process id, readiness, restarts.</param>
    public sealed record LocalDeploymentView(
        string Name,
        ProvisioningState Provisioning,
        int InstanceCount,
        int ReadyInstances,
        string? Error,
        FaultInjection? Faults,
        IReadOnlyList<LocalInstanceView> Instances)
    {
        public static LocalDeploymentView Of(DeploymentStatus status, LocalEndpoint endpoint)
        {
            var deployment = endpoint.Routing.Find(status.Name);
            IReadOnlyList<LocalInstanceInfo> instances;
            try
            {
                instances = endpoint.GetInstances(status.Name);
            }
            catch (InvalidOperationException)
            {
                // Deleted since the state was read.
                instances = [];
            }

            return new LocalDeploymentView(
                status.Name, status.Provisioning, status.InstanceCount, instances.Count(i => i.Ready), status.Error, deployment?.Faults,
                [.. instances.Select(i => new LocalInstanceView(i.Name, i.ProcessId, i.Ready, i.Restarts))]);
        }
    }

    /// <summary>One instance (process) of a deployment; never its own address, which takes requests without a key.</summary>
    /// <param name="Name"><c>endpoint/deployment/slot</c>.</param>
    /// <param name="ProcessId">The running process, if any.</param>
    /// <param name="Ready">True when it passed its readiness probe and takes requests.</param>
    /// <param name="Restarts">Restarts after it exited unasked.</param>
    public sealed record LocalInstanceView(string Name, int? ProcessId, bool Ready, int Restarts);

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.LocalKeysListed, Level = LogLevel.Information, Message = "Scoring keys of local endpoint {Endpoint} listed by {Actor}")]
        public static partial void KeysListed(ILogger logger, string endpoint, string actor);

        [LoggerMessage(EventId = EventIds.LocalFaultsSet, Level = LogLevel.Warning, Message = "Faults of local deployment {Endpoint}/{Deployment} set by {Actor}: {Faults}")]
        public static partial void FaultsSet(ILogger logger, string endpoint, string deployment, string actor, FaultInjection faults);
    }
}
