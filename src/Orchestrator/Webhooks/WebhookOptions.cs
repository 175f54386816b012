namespace Orchestrator.Webhooks;

/// <summary>Settings of the signed CI webhook (configuration section <c>Orchestrator:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Orchestrator:Webhooks";

    /// <summary>The default <see cref="Tolerance"/>.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The senders allowed to submit, by name (<c>X-Rollout-Sender</c>). None configured: the webhook answers 404, so it
    /// is never open by default. Rotate a secret by configuring a second name, moving the pipeline, then removing the first.
    /// </summary>
    public Dictionary<string, WebhookSenderOptions> Senders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far a delivery's timestamp may be from the service's clock, either way, before it is refused as a replay.</summary>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;
}
