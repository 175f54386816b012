using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Orchestrator.Api;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Rollouts;

namespace Orchestrator.Webhooks;

/// <summary>
/// <c>POST /api/v1/webhooks/rollouts</c>: CI submits a plan signed with its sender's secret instead of an API key. The
/// rollout is submitted through the dispatcher exactly as <see cref="RolloutEndpoints.SubmitRollout"/> does, as
/// <c>webhook:&lt;sender&gt;</c> with the release-manager role, and the delivery id makes a redelivery idempotent.
/// </summary>
internal static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");

        // Anonymous on purpose: the signature is the authentication, checked in the handler before the plan is read.
        webhooks.MapPost("/rollouts", SubmitRolloutFromWebhook)
            .WithName(nameof(SubmitRolloutFromWebhook))
            .WithSummary("CI submits a rollout plan signed with HMAC-SHA256 (no API key); answers as POST /api/v1/rollouts does.")
            .AddOpenApiOperationTransformer(PlanBody.DescribeAsync)
            .AddOpenApiOperationTransformer(DescribeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AllowAnonymous();

        return webhooks;
    }

    public static async Task<Results<Results<Created<RolloutSummary>, Accepted<RolloutSummary>>, ProblemHttpResult>> SubmitRolloutFromWebhook(
        HttpRequest request,
        ISender sender,
        WebhookVerifier verifier,
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        if (!verifier.IsConfigured)
        {
            return TypedResults.Problem(ApiProblems.Create(
                StatusCodes.Status404NotFound,
                $"Webhooks are not configured on this service (set {WebhookOptions.SectionName}:Senders:<name>:Secret)."));
        }

        // Order matters: the headers' shape (400), the body within the size limit (413), then authenticity (401).
        // The content type (415) and the plan (400) are looked at only once the delivery is known to be genuine.
        var delivery = WebhookDelivery.Read(request.Headers);
        var body = await PlanBody.ReadBytesAsync(request, options.Value.MaxPlanBytes, cancellationToken).ConfigureAwait(false);
        if (verifier.Authenticate(delivery, body) is not { } senderName)
        {
            var refused = ApiProblems.Create(
                StatusCodes.Status401Unauthorized,
                $"The delivery could not be authenticated. Sign '<timestamp>.<body>' with the sender's secret (HMAC-SHA256, hex) and send it within {verifier.Tolerance:c} of the timestamp.");
            refused.Title = "The webhook signature is not valid";
            return TypedResults.Problem(refused);
        }

        var plan = PlanBody.Decode(body, PlanBody.EncodingOf(request));
        var actor = new Actor($"webhook:{senderName}", ActorRole.ReleaseManager, CommandSource.Webhook);
        var requestId = $"webhook:{senderName}:{delivery.DeliveryId}";
        var rollout = await sender.SendAsync(new SubmitRolloutCommand(plan, actor, requestId), cancellationToken).ConfigureAwait(false);
        return RolloutEndpoints.Submitted(rollout);
    }

    /// <summary>Declares the signature headers, and that no API key is used, in the OpenAPI document.</summary>
    private static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = [];
        operation.Parameters ??= [];
        foreach (var (name, description) in new[]
        {
            (WebhookDelivery.SenderHeader, "A sender configured under Orchestrator:Webhooks:Senders."),
            (WebhookDelivery.TimestampHeader, "The send time in Unix seconds; refused beyond the tolerance (default 5 minutes) either way."),
            (WebhookDelivery.DeliveryHeader, "The sender's unique delivery id (1 to 200 printable ASCII characters); a redelivery returns the first result."),
            (WebhookDelivery.SignatureHeader, "sha256=<hex of HMAC-SHA256 over the bytes '<timestamp>.<raw body>' keyed by the sender's secret>."),
        })
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = true,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
