using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// Server certificate validation that trusts the system roots plus the CA certificates of one PEM file
/// (a private cloud's CA, or the test emulator's). Host name mismatches are never accepted.
/// </summary>
internal sealed class ExtraCaTrust
{
    private readonly X509Certificate2Collection _roots;

    private ExtraCaTrust(X509Certificate2Collection roots)
    {
        _roots = roots;
    }

    /// <summary>Loads every certificate of a PEM file.</summary>
    public static ExtraCaTrust FromPemFile(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"{path} holds no PEM certificate.");
        }

        return new ExtraCaTrust(roots);
    }

    /// <summary>An HTTP handler that validates servers against the system roots and these CAs.</summary>
    public static SocketsHttpHandler CreateHandler(ExtraCaTrust? trust)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        if (trust is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        }

        return handler;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain may be rescued by the extra roots; a wrong host name or a missing certificate may not.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
