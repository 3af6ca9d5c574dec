using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.Connection;

/// <summary>Says in words why a server certificate was rejected, and which option would change each cause.</summary>
internal static class CertificateRejection
{
    private const X509ChainStatusFlags Described =
        X509ChainStatusFlags.Revoked | X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot
        | X509ChainStatusFlags.PartialChain | CertificateCheck.RevocationUnknown;

    public static string Describe(ImapClientOptions options, X509Certificate? certificate, SslPolicyErrors errors, X509ChainStatusFlags status)
    {
        var causes = new List<string>();
        var full = certificate as X509Certificate2;
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            causes.Add("the server presented no certificate");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            causes.Add($"it is not issued for \"{options.Host}\" (it names {Names(full)}); connect with a name it carries " +
                "(ImapClientOptions.Host), or pin this exact certificate with TrustedCertificate");
        }

        if ((status & X509ChainStatusFlags.Revoked) != 0)
        {
            causes.Add("it has been revoked by its issuer (its key may be in someone else's hands); only " +
                "CertificateRevocation.None would accept it");
        }

        if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            string period = full is null ? string.Empty : string.Create(
                CultureInfo.InvariantCulture, $" (valid from {full.NotBefore.ToUniversalTime():u} to {full.NotAfter.ToUniversalTime():u})");
            causes.Add($"it or a certificate in its chain is expired or not yet valid{period}; the server's certificate must be " +
                "renewed (or this machine's clock is wrong); pinning it with TrustedCertificate would accept it anyway");
        }

        if ((status & X509ChainStatusFlags.UntrustedRoot) != 0)
        {
            causes.Add("its chain ends at an authority that is not trusted here (untrusted root: self-signed, or a private CA); " +
                "add that CA to TrustedCertificateAuthorities, or pin the server's certificate with TrustedCertificate");
        }

        if ((status & X509ChainStatusFlags.PartialChain) != 0)
        {
            causes.Add("its chain is incomplete: no trusted root could be reached, usually because the server does not send an " +
                "intermediate certificate; fix the server's chain, or add the issuing CA to TrustedCertificateAuthorities");
        }

        if ((status & CertificateCheck.RevocationUnknown) != 0 && options.CertificateRevocation == CertificateRevocation.Strict)
        {
            causes.Add("its revocation status could not be learned (the CA's CRL or OCSP server did not answer) and " +
                "CertificateRevocation is Strict; CertificateRevocation.Online, the default, accepts that");
        }

        var other = status & ~Described;
        if (other != X509ChainStatusFlags.NoError)
        {
            causes.Add($"its chain has other problems: {other}");
        }

        if (causes.Count == 0)
        {
            causes.Add($"TLS reported {errors} without a reason in the chain");
        }

        string identity = certificate is null
            ? string.Empty
            : $" Certificate: {certificate.Subject}, issued by {certificate.Issuer}, SHA-256 {certificate.GetCertHashString(HashAlgorithmName.SHA256)}.";
        return $"The server certificate for \"{options.Host}\" was rejected: {string.Join("; ", causes)}.{identity}";
    }

    private static string Names(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return "no readable names";
        }

        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension alternative)
            {
                names.AddRange(alternative.EnumerateDnsNames());
                names.AddRange(alternative.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return names.Count > 0 ? string.Join(", ", names.Select(n => "\"" + n + "\"")) : "only " + certificate.Subject;
    }
}
