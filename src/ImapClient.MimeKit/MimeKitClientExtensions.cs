using System.IO.Pipelines;
using MimeKit;
using MimeKit.IO;

namespace Imap;

/// <summary>APPEND of a MimeKit <see cref="MimeMessage"/>, written through a stream rather than into one array.</summary>
public static class MimeKitClientExtensions
{
    /// <summary>Bytes MimeKit may write ahead of the upload before it waits.</summary>
    private const int WriteAhead = 256 * 1024;

    /// <summary>
    /// Appends <paramref name="message"/> to <paramref name="mailbox"/> (APPEND, RFC 9051 §6.3.12) through
    /// <see cref="ImapClient.AppendFromStreamAsync"/>. The message is written twice: once to count its bytes (nothing
    /// is kept), then into the upload as it is sent, at most 256 KiB ahead of it; so it must write the same bytes each
    /// time, which a message built in memory or loaded from a file does. Lines end in CRLF whatever
    /// <paramref name="formatOptions"/> says, as IMAP requires.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="message">The message.</param>
    /// <param name="options">Flags, internal date and progress for the upload; null for none.</param>
    /// <param name="formatOptions">How MimeKit writes the message; null for <see cref="FormatOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is stored and the connection stays usable.</param>
    /// <returns>The new message's UID where the server reports it (UIDPLUS).</returns>
    /// <exception cref="ImapCommandException">The server refused the message (TRYCREATE: the mailbox does not exist).</exception>
    public static async Task<AppendResult> AppendAsync(this ImapClient client, string mailbox, MimeMessage message, AppendOptions? options = null, FormatOptions? formatOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(message);
        FormatOptions format = (formatOptions ?? FormatOptions.Default).Clone();
        format.NewLineFormat = NewLineFormat.Dos;

        long length;
        using (var measure = new MeasuringStream())
        {
            await message.WriteToAsync(format, measure, cancellationToken).ConfigureAwait(false);
            length = measure.Length;
        }

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: WriteAhead, resumeWriterThreshold: WriteAhead / 2, useSynchronizationContext: false));
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task writing = Task.Run(() => WriteAsync(message, format, pipe.Writer, stopWriting.Token), CancellationToken.None);
        try
        {
            Stream content = pipe.Reader.AsStream();
            await using (content.ConfigureAwait(false))
            {
                return await client.AppendFromStreamAsync(mailbox, content, length, options, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // The upload is over (stored, refused or cancelled): the writer has nobody to write for.
            await stopWriting.CancelAsync().ConfigureAwait(false);
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task WriteAsync(MimeMessage message, FormatOptions format, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            Stream target = writer.AsStream(leaveOpen: true);
            await using (target.ConfigureAwait(false))
            {
                await message.WriteToAsync(format, target, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The reader (the upload) hears of it and fails the APPEND without storing anything.
            await writer.CompleteAsync(e).ConfigureAwait(false);
        }
    }
}
