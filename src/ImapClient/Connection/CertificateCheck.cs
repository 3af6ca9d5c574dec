using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.Connection;

/// <summary>
/// The library's own validation of the server certificate, used unless the caller supplies
/// <see cref="ImapClientOptions.CertificateValidation"/>: the chain policy (revocation, the trusted authorities), the
/// decision, and, when it rejects, the reason kept for <see cref="ImapCertificateException"/>.
/// </summary>
internal sealed class CertificateCheck
{
    /// <summary>The chain problems that only say the revocation status could not be learned.</summary>
    internal const X509ChainStatusFlags RevocationUnknown = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly ImapClientOptions options;
    private string? rejection;
    private SslPolicyErrors rejectedErrors;
    private X509ChainStatusFlags rejectedStatus;

    public CertificateCheck(ImapClientOptions options) => this.options = options;

    /// <summary>Sets the policy and callback on <paramref name="authentication"/>; a caller's callback is used exactly as given.</summary>
    public void Apply(SslClientAuthenticationOptions authentication)
    {
        if (options.CertificateValidation is { } callback)
        {
            // The caller's callback decides alone, over the chain .NET builds by default (no revocation), as it always did.
            authentication.CertificateRevocationCheckMode = X509RevocationMode.NoCheck;
            authentication.RemoteCertificateValidationCallback = callback;
            return;
        }

        authentication.CertificateChainPolicy = CreatePolicy(options);
        authentication.RemoteCertificateValidationCallback = Validate;
    }

    /// <summary>The rejection as an exception, once <see cref="Validate"/> refused a certificate; otherwise null.</summary>
    public ImapCertificateException? ToException(Exception inner) =>
        rejection is null ? null : new ImapCertificateException(rejection, rejectedErrors, rejectedStatus, inner);

    /// <summary>The chain policy: server authentication, revocation as configured, and the caller's own roots if any.</summary>
    internal static X509ChainPolicy CreatePolicy(ImapClientOptions options)
    {
        var policy = new X509ChainPolicy
        {
            RevocationMode = options.CertificateRevocation switch
            {
                CertificateRevocation.None => X509RevocationMode.NoCheck,
                CertificateRevocation.Offline => X509RevocationMode.Offline,
                _ => X509RevocationMode.Online,
            },

            // A root is trusted by being a root; it is the leaf and intermediates whose revocation matters.
            RevocationFlag = X509RevocationFlag.ExcludeRoot,
        };
        policy.ApplicationPolicy.Add(ServerAuthentication);
        if (options.TrustedCertificateAuthorities.Count > 0)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            foreach (var authority in options.TrustedCertificateAuthorities)
            {
                policy.CustomTrustStore.Add(authority);
            }
        }

        return policy;
    }

    /// <summary>
    /// Whether a certificate with these problems is acceptable: none at all, or, unless revocation is
    /// <see cref="CertificateRevocation.Strict"/>, only "revocation status unknown". A name mismatch or a missing
    /// certificate is never acceptable; nor are chain errors the chain does not explain.
    /// </summary>
    internal static bool IsAcceptable(SslPolicyErrors errors, X509ChainStatusFlags chainStatus, CertificateRevocation revocation)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || chainStatus == X509ChainStatusFlags.NoError)
        {
            return false;
        }

        var tolerated = revocation == CertificateRevocation.Strict ? X509ChainStatusFlags.NoError : RevocationUnknown;
        return (chainStatus & ~tolerated) == X509ChainStatusFlags.NoError;
    }

    /// <summary>Every chain problem, over all elements.</summary>
    internal static X509ChainStatusFlags Combine(X509Chain? chain)
    {
        var flags = X509ChainStatusFlags.NoError;
        if (chain is null)
        {
            return flags;
        }

        foreach (var status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                flags |= status.Status;
            }
        }

        return flags;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // The one certificate the caller pinned, compared exactly, is accepted whatever else is said about it.
        if (options.TrustedCertificate is { } pinned && certificate is not null
            && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned.GetCertHash(HashAlgorithmName.SHA256)))
        {
            return true;
        }

        var status = Combine(chain);
        if (IsAcceptable(errors, status, options.CertificateRevocation))
        {
            return true;
        }

        rejectedErrors = errors;
        rejectedStatus = status;
        rejection = CertificateRejection.Describe(options, certificate, errors, status);
        return false;
    }
}
