namespace Orchestrator.Webhooks;

/// <summary>One CI sender of the webhook (<c>Orchestrator:Webhooks:Senders:&lt;name&gt;</c>).</summary>
public sealed class WebhookSenderOptions
{
    /// <summary>
    /// The shared HMAC secret, at least <see cref="WebhookOptionsValidator.MinimumSecretLength"/> characters. HMAC needs
    /// the raw secret, so it cannot be stored hashed: keep it in the environment or a secret store, not in a file.
    /// </summary>
    public string? Secret { get; set; }
}
