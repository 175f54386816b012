using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Refuses an address something already listens on before the host starts: Kestrel would refuse it too, but the
    /// host logs "Hosting failed to start" with the stack trace on stdout first. Throws what Kestrel throws, so
    /// <see cref="Describe"/> words both the same; a host name other than localhost is left to Kestrel.
    /// </summary>
    /// <exception cref="IOException">The address is in use (its inner exception is an <see cref="AddressInUseException"/>).</exception>
    public static void EnsureAddressFree(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return;
        }

        var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? literal
            : null;
        if (address is null)
        {
            return;
        }

        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, uri.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"Failed to bind to address {uri.GetLeftPart(UriPartial.Authority)}: address already in use.", new AddressInUseException(e.Message, e));
        }
    }

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
