using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Imap;

/// <summary>
/// The server's TLS certificate was rejected, so nothing was sent over the connection. The message names each cause
/// (untrusted root, incomplete chain, name mismatch, expired or not yet valid, revoked, revocation status unknown) and
/// the option that would change it; <see cref="PolicyErrors"/> and <see cref="ChainStatus"/> hold the same for code.
/// Not raised when <see cref="ImapClientOptions.CertificateValidation"/> is set: that callback decides alone.
/// </summary>
public sealed class ImapCertificateException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the certificate was rejected, and what would change it.</param>
    /// <param name="policyErrors">What TLS reported: chain errors, a name mismatch, or no certificate at all.</param>
    /// <param name="chainStatus">Every problem found while building the certificate's chain, combined.</param>
    /// <param name="innerException">The TLS stack's own error, if any.</param>
    public ImapCertificateException(string message, SslPolicyErrors policyErrors, X509ChainStatusFlags chainStatus, Exception? innerException = null)
        : base(message, innerException)
    {
        PolicyErrors = policyErrors;
        ChainStatus = chainStatus;
    }

    /// <summary>What TLS reported about the certificate (<see cref="SslPolicyErrors.RemoteCertificateNameMismatch"/> ...).</summary>
    public SslPolicyErrors PolicyErrors { get; }

    /// <summary>
    /// The problems in the certificate's chain, combined over all its elements (<see cref="X509ChainStatusFlags.Revoked"/>,
    /// <see cref="X509ChainStatusFlags.UntrustedRoot"/>, <see cref="X509ChainStatusFlags.NotTimeValid"/> ...);
    /// <see cref="X509ChainStatusFlags.NoError"/> when the chain was fine and only the name or presence failed.
    /// </summary>
    public X509ChainStatusFlags ChainStatus { get; }

    /// <summary>
    /// <see langword="true"/> only when the sole problem is that the revocation status could not be learned (the CA's
    /// server did not answer under <see cref="CertificateRevocation.Strict"/>): a later attempt may succeed.
    /// </summary>
    public override bool IsTransient =>
        PolicyErrors == SslPolicyErrors.RemoteCertificateChainErrors && ChainStatus != X509ChainStatusFlags.NoError
        && (ChainStatus & ~(X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation)) == 0;
}
