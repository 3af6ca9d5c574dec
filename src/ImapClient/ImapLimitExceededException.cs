namespace Imap;

/// <summary>
/// The command completed, but part of its answer was thrown away unread because it exceeded one of the
/// <see cref="ImapLimits"/> (a 50 MB mailbox name in LIST, a huge subject in a FETCH ENVELOPE ...): its result would have
/// been silently incomplete, so it fails instead. Raised only after the server's tagged completion has arrived, so the
/// connection is still in sync and usable. Raise the limit named by <see cref="LimitName"/> to receive such data.
/// </summary>
public sealed class ImapLimitExceededException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was thrown away, for which command, and which limit it exceeded.</param>
    /// <param name="limitName">The <see cref="ImapLimits"/> property that was exceeded, e.g. "MaxLiteralSize".</param>
    /// <param name="limit">That limit's value when the data was thrown away.</param>
    public ImapLimitExceededException(string message, string limitName, long limit)
        : base(message)
    {
        LimitName = limitName;
        Limit = limit;
    }

    /// <summary>The name of the <see cref="ImapLimits"/> property that was exceeded, e.g. "MaxLiteralSize".</summary>
    public string LimitName { get; }

    /// <summary>The limit's value when the data was thrown away.</summary>
    public long Limit { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
