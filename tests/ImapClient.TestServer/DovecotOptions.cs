namespace Imap.TestServer;

/// <summary>Settings for <see cref="DovecotInstance.StartAsync(DovecotOptions, CancellationToken)"/>.</summary>
public sealed record DovecotOptions
{
    /// <summary>
    /// Absolute folder holding the instance (configuration, certificate, mail, logs). Mail found there is replaced.
    /// <see langword="null"/> (the default) picks a fresh folder under the repository's <c>.dovecot/</c> folder.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>Number of generated messages put into the primary user's INBOX. Defaults to 1000.</summary>
    public int InboxMessages { get; init; } = 1000;

    /// <summary>Seed of the <see cref="MailGenerator"/> filling the INBOX. Defaults to 20261127.</summary>
    public int Seed { get; init; } = 20261127;

    /// <summary>
    /// Keep the folder when the instance stops. A folder chosen through <see cref="Directory"/> is always kept;
    /// a default folder is deleted on stop unless this is <see langword="true"/>. A folder whose start failed is
    /// kept for inspection.
    /// </summary>
    public bool KeepDirectory { get; init; }
}
