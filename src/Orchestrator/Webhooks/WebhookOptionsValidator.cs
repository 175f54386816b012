using Microsoft.Extensions.Options;

namespace Orchestrator.Webhooks;

/// <summary>Checks the webhook settings at start and reports every bad one at once (never a secret's value).</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The shortest secret accepted: HMAC-SHA256 wants at least 256 bits of key.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>The longest sender name.</summary>
    public const int MaxSenderNameLength = 100;

    /// <summary>The widest tolerance: a longer window only widens the replay window.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (sender, settings) in options.Senders.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var prefix = $"{WebhookOptions.SectionName}:Senders:{sender}";
            if (!IsSenderName(sender))
            {
                failures.Add($"{prefix} must be named with 1 to {MaxSenderNameLength} letters, digits, '.', '_' or '-'.");
            }

            if (settings?.Secret is not { } secret || secret.Length < MinimumSecretLength || secret.Any(char.IsWhiteSpace))
            {
                failures.Add($"{prefix}:Secret must be at least {MinimumSecretLength} characters without whitespace.");
            }
        }

        if (options.Tolerance < TimeSpan.FromSeconds(1) || options.Tolerance > MaxTolerance)
        {
            failures.Add($"{WebhookOptions.SectionName}:Tolerance must be between 00:00:01 and {MaxTolerance:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Sender names appear in actor names and in a header, so they stay plain.</summary>
    internal static bool IsSenderName(string name) =>
        name.Length is > 0 and <= MaxSenderNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
