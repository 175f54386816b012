using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orchestrator.Cli;

/// <summary>
/// Start-up failures that are the user's input, not a bug: invalid configuration, an address already in use.
/// They get one line and exit 2, like a bad plan.
/// </summary>
internal static class StartupRefusal
{
    /// <summary>
    /// Validates every <c>ValidateOnStart</c> option before the host starts, so that a bad setting is refused
    /// here instead of in the host's start, which logs the exception with its stack trace first.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The one-line reason when <paramref name="exception"/> is the user's input; null for anything else (a bug).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures),
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            string.Join("; ", inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        IOException { InnerException: AddressInUseException } inUse => $"{inUse.Message.TrimEnd('.')}; stop what listens there, or give another --url",
        _ => null,
    };
}
