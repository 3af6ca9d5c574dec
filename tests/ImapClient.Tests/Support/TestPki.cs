using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.Tests.Support;

/// <summary>
/// A private certificate authority made on the spot: a root, optionally an intermediate, server certificates with a
/// CRL distribution point, and CRLs that revoke what a test says. Every root has a fresh name, so the platform's CRL
/// cache never mixes two tests.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public TestPki()
    {
        Root = CreateAuthority($"CN=ImapClient test root {Guid.NewGuid():N}", issuer: null);
    }

    /// <summary>The root, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>An intermediate authority under <see cref="Root"/>, with its private key.</summary>
    public X509Certificate2 CreateIntermediate() => CreateAuthority($"CN=ImapClient test intermediate {Guid.NewGuid():N}", Root);

    /// <summary>
    /// A server certificate for <paramref name="dnsName"/> issued by <paramref name="issuer"/> (default the root), valid
    /// from <paramref name="notBefore"/> to <paramref name="notAfter"/> (default: an hour ago to a day from now), naming
    /// <paramref name="crlUrl"/> as its CRL distribution point when given.
    /// </summary>
    public X509Certificate2 IssueServer(
        string dnsName = "localhost",
        X509Certificate2? issuer = null,
        Uri? crlUrl = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        issuer ??= Root;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl.AbsoluteUri]));
        }

        using var issued = request.Create(
            issuer,
            notBefore ?? DateTimeOffset.UtcNow.AddHours(-1),
            notAfter ?? DateTimeOffset.UtcNow.AddDays(1),
            NextSerial());
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12, as SelfSignedCertificate does: a key every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>A CRL signed by <see cref="Root"/> that revokes <paramref name="revoked"/> (none when empty).</summary>
    public byte[] CreateCrl(params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddMinutes(-10), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(Root, BigInteger.One, DateTimeOffset.UtcNow.AddDays(1), HashAlgorithmName.SHA256);
    }

    public void Dispose() => Root.Dispose();

    private static X509Certificate2 CreateAuthority(string subject, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = DateTimeOffset.UtcNow.AddDays(-30);
        var to = DateTimeOffset.UtcNow.AddDays(365);
        if (issuer is null)
        {
            using var root = request.CreateSelfSigned(from, to);
            return X509CertificateLoader.LoadPkcs12(root.Export(X509ContentType.Pkcs12), password: null);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, from, to.AddDays(-1), NextSerial());
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>A positive serial number, unique enough for a test run.</summary>
    private static byte[] NextSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
