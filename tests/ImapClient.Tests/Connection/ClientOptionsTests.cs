using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;

namespace Imap.Tests.Connection;

/// <summary>Options are a plain class: copied explicitly, every property included, and compared by reference.</summary>
public sealed class ClientOptionsTests
{
    [Test]
    public void A_copy_carries_every_property()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var original = new ImapClientOptions
        {
            Host = "imap.example.org",
            Port = 1143,
            Security = ImapSecurity.StartTls,
            TrustedCertificate = certificate,
            TrustedCertificateAuthorities = [certificate],
            CertificateRevocation = CertificateRevocation.None,
            CertificateValidation = (_, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            GreetingTimeout = TimeSpan.FromSeconds(2),
            CommandTimeout = TimeSpan.FromSeconds(3),
            ServerSilenceTimeout = TimeSpan.FromSeconds(4),
            Limits = ImapLimits.Default with { MaxLiteralSize = 5 },
            EventCapacity = 6,
            IdleRestartInterval = TimeSpan.FromSeconds(7),
            IdlePollInterval = TimeSpan.FromSeconds(8),
            Logger = NullLogger.Instance,
            Credentials = ImapCredentials.Password("u", "p"),
            AllowedMechanisms = AuthenticationMechanisms.Scram,
            AllowCleartextPasswords = true,
            EnableExtensions = ["CONDSTORE"],
            DiscoverMailboxes = false,
            ClientId = new Dictionary<string, string?> { ["name"] = "test" },
            Reconnect = new ReconnectPolicy { MaxAttempts = 3 },
        };

        var defaults = new ImapClientOptions { Host = "" };
        foreach (var copy in new[] { new ImapClientOptions(original), original.Clone() })
        {
            Assert.That(copy, Is.Not.SameAs(original));
            foreach (var property in typeof(ImapClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // Every property is set away from its default above, so a property the copy forgets shows.
                Assert.That(property.GetValue(original), Is.Not.EqualTo(property.GetValue(defaults)), property.Name + " is left at its default");
                Assert.That(property.GetValue(copy), Is.SameAs(property.GetValue(original)).Or.EqualTo(property.GetValue(original)), property.Name);
            }
        }
    }

    [Test]
    public void Equality_is_by_reference_not_over_the_logger_and_callbacks()
    {
        var options = new ImapClientOptions { Host = "imap.example.org" };
        Assert.That(options.Equals(options.Clone()), Is.False);
        Assert.That(options.Equals(options), Is.True);
    }
}
