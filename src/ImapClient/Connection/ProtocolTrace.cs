using System.Buffers;
using System.Text;
using Imap.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Imap.Connection;

/// <summary>
/// The protocol trace: every line sent ("C: ") and received ("S: ") at <see cref="LogLevel.Trace"/>, with passwords,
/// tokens and SASL exchanges replaced by "***". Nothing is formatted unless the logger wants trace output.
/// </summary>
/// <remarks>
/// A line longer than <see cref="MaxShownBytes"/> is cut, with the number of bytes left out; control characters
/// other than CR and LF are shown as <c>\xNN</c>, so a hostile server cannot forge log lines.
/// </remarks>
internal sealed class ProtocolTrace(ILogger logger)
{
    /// <summary>Most bytes of one line that are shown.</summary>
    public const int MaxShownBytes = 2048;

    private static readonly Action<ILogger, string, Exception?> SentLine =
        LoggerMessage.Define<string>(LogLevel.Trace, new EventId(1, "ImapSent"), "C: {Line}");

    private static readonly Action<ILogger, string, Exception?> ReceivedLine =
        LoggerMessage.Define<string>(LogLevel.Trace, new EventId(2, "ImapReceived"), "S: {Line}");

    private static readonly Action<ILogger, string, Exception?> SkippedResponse =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(3, "ImapMalformedResponse"), "Skipped a malformed response: {Error}");

    private static readonly Action<ILogger, string, Exception?> ConnectionFailed =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(4, "ImapConnectionFailed"), "The connection ended: {Reason}");

    /// <summary>A trace that writes nothing.</summary>
    public static ProtocolTrace None { get; } = new(NullLogger.Instance);

    public bool IsEnabled => logger.IsEnabled(LogLevel.Trace);

    /// <summary>A piece of a command as written, with its secret ranges hidden.</summary>
    /// <param name="built">The command.</param>
    /// <param name="segment">Which of its segments (they are split at synchronizing literals).</param>
    public void Sent(CommandWriter built, int segment)
    {
        if (!IsEnabled)
        {
            return;
        }

        int start = segment == 0 ? 0 : built.ContinuationPoints[segment - 1];
        var whole = built.GetSegment(segment).Span;
        var bytes = whole[..Math.Min(whole.Length, MaxShownBytes * 4)];
        long notShown = whole.Length - bytes.Length;
        if (!built.HasSecrets)
        {
            LogLines(SentLine, bytes, notShown);
            return;
        }

        var shown = bytes.ToArray();
        foreach (var secret in built.Secrets)
        {
            var (offset, length) = secret.GetOffsetAndLength(built.WrittenCount);
            int from = Math.Max(offset - start, 0);
            int to = Math.Min(offset + length - start, shown.Length);
            for (int i = from; i < to; i++)
            {
                shown[i] = (byte)'*';
            }
        }

        LogLines(SentLine, CollapseStars(shown), notShown);
    }

    /// <summary>Bytes written outside a command's text: a reply to a challenge, DONE, a STARTTLS before the loop.</summary>
    public void Sent(ReadOnlySpan<byte> bytes, bool secret)
    {
        if (IsEnabled)
        {
            LogLines(SentLine, secret ? "***\r\n"u8 : bytes);
        }
    }

    /// <summary>One response as received (its literals included), or "***" for a SASL challenge.</summary>
    public void Received(ReadOnlySequence<byte> frame, bool secret)
    {
        if (!IsEnabled || frame.IsEmpty)
        {
            return;
        }

        if (secret)
        {
            LogLines(ReceivedLine, "+ ***\r\n"u8);
            return;
        }

        int shown = (int)Math.Min(frame.Length, MaxShownBytes * 4);
        var bytes = frame.Slice(0, shown).ToArray();
        LogLines(ReceivedLine, bytes, frame.Length - shown);
    }

    /// <summary>A response that did not parse was skipped (a warning: the server misbehaves).</summary>
    public void Malformed(ParseError error, ReadOnlySequence<byte> frame)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            SkippedResponse(logger, error.Message, null);
        }

        Received(frame, secret: false);
    }

    /// <summary>The connection ended, and why.</summary>
    public void Ended(Exception reason)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            ConnectionFailed(logger, reason.Message, null);
        }
    }

    private static byte[] CollapseStars(byte[] shown)
    {
        // "pa55word" and "p" must look the same: a run of stars becomes three.
        var collapsed = new List<byte>(shown.Length);
        int run = 0;
        foreach (byte b in shown)
        {
            run = b == (byte)'*' ? run + 1 : 0;
            if (run <= 3)
            {
                collapsed.Add(b);
            }
        }

        return [.. collapsed];
    }

    private void LogLines(Action<ILogger, string, Exception?> log, ReadOnlySpan<byte> bytes, long notShown = 0)
    {
        while (!bytes.IsEmpty)
        {
            int end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? default : bytes[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            log(logger, Render(line, bytes.IsEmpty ? notShown : 0), null);
        }
    }

    private static string Render(ReadOnlySpan<byte> line, long notShown)
    {
        int shown = Math.Min(line.Length, MaxShownBytes);
        var text = new StringBuilder(shown + 32);
        foreach (var rune in Encoding.UTF8.GetString(line[..shown]).EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}");
            }
            else
            {
                text.Append(rune.ToString());
            }
        }

        long omitted = line.Length - shown + notShown;
        if (omitted > 0)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $" ... ({omitted} more bytes)");
        }

        return text.ToString();
    }
}
