namespace Imap;

/// <summary>
/// Whether and how the server certificate's revocation is checked (<see cref="ImapClientOptions.CertificateRevocation"/>),
/// through the CRL distribution points or OCSP responder the certificate names (RFC 5280 §4.2.1.13, RFC 6960), with the
/// platform's own cache. See docs/security.md for why "status unknown" is accepted by default.
/// </summary>
public enum CertificateRevocation
{
    /// <summary>
    /// Checked online. A certificate known to be revoked is rejected; one whose status cannot be learned (the CRL or
    /// OCSP server does not answer, or the certificate names none) is accepted. The default.
    /// </summary>
    Online,

    /// <summary>
    /// Checked online, and a certificate whose revocation status cannot be learned is rejected too. For networks where
    /// the CA's servers are always reachable; elsewhere connections fail whenever they are not.
    /// </summary>
    Strict,

    /// <summary>
    /// Checked against what the platform has cached only, without network access; unknown status is accepted.
    /// </summary>
    Offline,

    /// <summary>Not checked: a revoked certificate is accepted. Only for a server whose certificate you control.</summary>
    None,
}
