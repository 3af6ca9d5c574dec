using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Imap.TestServer;

/// <summary>
/// Writes messages straight into a Maildir++ tree the way a delivery agent would: into <c>tmp/</c>, then renamed into
/// <c>cur/</c> as <c>&lt;now&gt;.M&lt;n&gt;P&lt;pid&gt;.&lt;host&gt;,S=&lt;size&gt;,W=&lt;size&gt;:2,&lt;flags&gt;</c>, with the
/// file modification time set to the INTERNALDATE (Dovecot reads INTERNALDATE from it).
/// </summary>
/// <remarks>
/// Dovecot gives new files UIDs in file-name order (time, then the M number); names carry the delivery time and a
/// process-wide counter, so messages get UIDs in the order they were written, also across several fills.
/// Mailbox names use '/' as the hierarchy separator; on disk "Lists/dotnet" becomes <c>.Lists.dotnet</c>, names are
/// stored in modified UTF-7 and a '.' inside a name is escaped as <c>\2e</c> (Dovecot's listescape plugin).
/// </remarks>
public sealed class MaildirWriter
{
    private const string KeywordFileName = "dovecot-keywords";
    private static long counter;

    private readonly string host;
    private readonly Dictionary<string, List<string>> keywordsByFolder = new(StringComparer.Ordinal);

    /// <summary>Creates a writer for the Maildir rooted at <paramref name="root"/> (the user's <c>~/Maildir</c>).</summary>
    /// <param name="root">The Maildir root, holding INBOX's <c>cur/</c>, <c>new/</c> and <c>tmp/</c>.</param>
    public MaildirWriter(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        var name = new StringBuilder();
        foreach (var c in Environment.MachineName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_');
        }

        host = name.Length == 0 ? "localhost" : name.ToString();
    }

    /// <summary>The Maildir root.</summary>
    public string Root { get; }

    /// <summary>The Maildir++ folder name of a mailbox: empty for INBOX, otherwise for example <c>.Lists.dotnet</c>.</summary>
    /// <param name="mailbox">The mailbox name, '/' separating levels.</param>
    /// <returns>The folder name relative to the Maildir root.</returns>
    public static string GetFolderName(string mailbox)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        if (string.Equals(mailbox, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var level in mailbox.Split('/'))
        {
            if (level.Length == 0)
            {
                throw new ArgumentException("A mailbox name level is empty: '" + mailbox + "'.", nameof(mailbox));
            }

            builder.Append('.').Append(ModifiedUtf7.Encode(level).Replace("\\", "\\5c", StringComparison.Ordinal).Replace(".", "\\2e", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    /// <summary>The folder holding a mailbox's <c>cur/</c>, <c>new/</c> and <c>tmp/</c>.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <returns>An absolute path.</returns>
    public string GetMailboxPath(string mailbox)
    {
        var folder = GetFolderName(mailbox);
        return folder.Length == 0 ? Root : Path.Combine(Root, folder);
    }

    /// <summary>Creates a mailbox (and INBOX) when missing.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <returns>The mailbox folder.</returns>
    public string CreateMailbox(string mailbox)
    {
        foreach (var path in new[] { Root, GetMailboxPath(mailbox) })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(path, "cur"));
            System.IO.Directory.CreateDirectory(Path.Combine(path, "new"));
            System.IO.Directory.CreateDirectory(Path.Combine(path, "tmp"));
        }

        var folder = GetMailboxPath(mailbox);
        if (folder != Root && !File.Exists(Path.Combine(folder, "maildirfolder")))
        {
            File.WriteAllBytes(Path.Combine(folder, "maildirfolder"), []);
        }

        return folder;
    }

    /// <summary>Stores one message into a mailbox (created when missing).</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="message">The message.</param>
    /// <returns>The path of the file written.</returns>
    public string Write(string mailbox, GeneratedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = CreateMailbox(mailbox);
        return WriteFile(folder, message);
    }

    /// <summary>
    /// Stores messages into a mailbox (created when missing). Messages are named in enumeration order (which is the
    /// UID order Dovecot gives them) while files are written in the background, overlapping generation and I/O.
    /// </summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="messages">The messages.</param>
    /// <returns>How many messages were written.</returns>
    public int WriteAll(string mailbox, IEnumerable<GeneratedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var folder = CreateMailbox(mailbox);
        var count = 0;
        using var queue = new BlockingCollection<(string Name, GeneratedMessage Message)>(boundedCapacity: 512);
        using var failed = new CancellationTokenSource();

        // One writer: files of one folder contend on its directory lock, so more writers do not help.
        var writer = Task.Run(() =>
        {
            try
            {
                foreach (var (name, message) in queue.GetConsumingEnumerable(failed.Token))
                {
                    WriteFile(folder, name, message);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failed.Cancel();
                throw;
            }
        });

        try
        {
            foreach (var message in messages)
            {
                queue.Add((FileName(folder, message), message), failed.Token);
                count++;
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // The writer failed; its exception is thrown below.
        }
        finally
        {
            queue.CompleteAdding();
        }

        try
        {
            writer.Wait();
        }
        catch (AggregateException exception)
        {
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }

        return count;
    }

    private string WriteFile(string folder, GeneratedMessage message)
    {
        var name = FileName(folder, message);
        WriteFile(folder, name, message);
        return Path.Combine(folder, "cur", name);
    }

    private string FileName(string folder, GeneratedMessage message)
    {
        var size = message.Content.Length.ToString(CultureInfo.InvariantCulture);
        return new StringBuilder(96)
            .Append(DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append(".M").Append(Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture))
            .Append('P').Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .Append('.').Append(host)
            .Append(",S=").Append(size).Append(",W=").Append(size) // CRLF content: virtual size == physical size.
            .Append(":2,").Append(FlagLetters(folder, message))
            .ToString();
    }

    private static void WriteFile(string folder, string name, GeneratedMessage message)
    {
        var temporary = Path.Combine(folder, "tmp", name);
        using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.Write(handle, message.Content.Span, 0);
            File.SetLastWriteTimeUtc(handle, message.InternalDate.UtcDateTime);
        }

        File.Move(temporary, Path.Combine(folder, "cur", name));
    }

    private string FlagLetters(string folder, GeneratedMessage message)
    {
        // Maildir wants the letters in ASCII order: system flags (upper case), then keyword letters.
        var flags = new StringBuilder(8);
        if (message.Flags.HasFlag(SystemFlags.Draft))
        {
            flags.Append('D');
        }

        if (message.Flags.HasFlag(SystemFlags.Flagged))
        {
            flags.Append('F');
        }

        if (message.Flags.HasFlag(SystemFlags.Answered))
        {
            flags.Append('R');
        }

        if (message.Flags.HasFlag(SystemFlags.Seen))
        {
            flags.Append('S');
        }

        if (message.Flags.HasFlag(SystemFlags.Deleted))
        {
            flags.Append('T');
        }

        if (message.Keywords.Count > 0)
        {
            var letters = new List<char>();
            foreach (var keyword in message.Keywords)
            {
                letters.Add((char)('a' + KeywordIndex(folder, keyword)));
            }

            letters.Sort();
            flags.Append(letters.Distinct().ToArray());
        }

        return flags.ToString();
    }

    private int KeywordIndex(string folder, string keyword)
    {
        var path = Path.Combine(folder, KeywordFileName);
        if (!keywordsByFolder.TryGetValue(folder, out var keywords))
        {
            keywords = [];
            if (File.Exists(path))
            {
                foreach (var line in File.ReadAllLines(path))
                {
                    var space = line.IndexOf(' ', StringComparison.Ordinal);
                    if (space > 0 && int.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        while (keywords.Count <= index)
                        {
                            keywords.Add(string.Empty);
                        }

                        keywords[index] = line[(space + 1)..];
                    }
                }
            }

            keywordsByFolder[folder] = keywords;
        }

        var existing = keywords.IndexOf(keyword);
        if (existing >= 0)
        {
            return existing;
        }

        if (keywords.Count >= 26)
        {
            throw new InvalidOperationException("A Maildir holds at most 26 keywords.");
        }

        keywords.Add(keyword);
        var content = new StringBuilder();
        for (var i = 0; i < keywords.Count; i++)
        {
            if (keywords[i].Length > 0)
            {
                content.Append(i.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(keywords[i]).Append('\n');
            }
        }

        File.WriteAllText(path, content.ToString());
        return keywords.Count - 1;
    }
}
