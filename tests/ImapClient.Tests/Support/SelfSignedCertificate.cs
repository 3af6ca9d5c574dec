using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.Tests.Support;

/// <summary>A throwaway server certificate for TLS over <see cref="DuplexPipeStream"/>, and a client check that trusts only it.</summary>
internal static class SelfSignedCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(Create);

    /// <summary>One certificate for <c>localhost</c> per test run, with its private key.</summary>
    public static X509Certificate2 Localhost => Shared.Value;

    /// <summary>Client options that accept <paramref name="certificate"/> and nothing else.</summary>
    public static SslClientAuthenticationOptions ClientOptionsTrusting(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
        };
    }

    /// <summary>A new certificate for <c>localhost</c>; the caller disposes it.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // A round trip through PKCS#12 gives a key every platform's TLS stack accepts (an ephemeral key fails on Windows).
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
