using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>A stored API key, without its secret (only the secret's hash is kept).</summary>
/// <param name="Name">Unique, case-insensitive; becomes the actor name of every command sent with the key.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The key that created it, or <c>bootstrap</c>/<c>configuration</c> for the admin key.</param>
public sealed record ApiKey(string Name, ActorRole Role, DateTimeOffset CreatedAt, string CreatedBy);
