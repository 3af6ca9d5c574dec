using System.Buffers;
using System.Globalization;
using System.Text;

namespace Imap.TestServer;

/// <summary>
/// Produces realistic, varied RFC 5322 messages, deterministically from a seed: plain text, alternative, mixed with
/// attachments, related (inline image), forwarded messages; RFC 2047 header words in UTF-8, ISO-8859-1 and KOI8-R;
/// reply threads; dates from 2015 to 2026 in many time zones. Sizes run from about 1 KB to 200 KB, mostly small.
/// </summary>
/// <remarks>
/// The same seed and count always give the same bytes, dates and flags in the same order; a mailbox filled from a
/// fresh generator holds these messages in UID order, so tests can regenerate what they expect to read.
/// </remarks>
public sealed class MailGenerator
{
    /// <summary>The largest message produced, in octets.</summary>
    public const int MaxMessageSize = 200 * 1024;

    private static readonly DateTimeOffset TimelineStart = new(2015, 1, 5, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TimelineEnd = new(2026, 10, 30, 19, 0, 0, TimeSpan.Zero);

    private static readonly (int Minutes, string? Comment)[] Zones =
    [
        (0, "(UTC)"), (0, null), (-7 * 60, "(PDT)"), (-8 * 60, "(PST)"), (-5 * 60, null), (-4 * 60, "(EDT)"),
        (60, null), (120, "(CEST)"), (180, null), (330, "(IST)"), (345, null), (480, null), (540, "(JST)"),
        (600, null), (780, null), (-210, null), (-600, null),
    ];

    private static readonly Person[] People =
    [
        new("Alice Example", "alice@example.org", MimeCharset.Ascii, ' '),
        new("Bob Builder", "bob@example.org", MimeCharset.Ascii, ' '),
        new("Carol Singer", "carol@example.org", MimeCharset.Ascii, ' '),
        new("Doe, John", "john.doe@example.com", MimeCharset.Ascii, ' '),
        new("J. R. Hartley", "jr.hartley@example.net", MimeCharset.Ascii, ' '),
        new("Priya Sharma", "priya.sharma@mail.example.com", MimeCharset.Ascii, ' '),
        new("Liam O'Brien", "liam.obrien@example.net", MimeCharset.Ascii, ' '),
        new("Noah Williams", "noah@dev.example.org", MimeCharset.Ascii, ' '),
        new("Chen Wei", "chen.wei@example.com", MimeCharset.Ascii, ' '),
        new("Zoë Müller", "zoe.mueller@mail.example.com", MimeCharset.Utf8, 'Q'),
        new("Mateo García", "mateo.garcia@example.net", MimeCharset.Utf8, 'Q'),
        new("山田 太郎", "taro.yamada@jp.example.net", MimeCharset.Utf8, 'B'),
        new("김민준", "minjun.kim@kr.example.com", MimeCharset.Utf8, 'B'),
        new("Δημήτρης Παπαδόπουλος", "dimitris@gr.example.org", MimeCharset.Utf8, 'B'),
        new("José Álvarez", "jose.alvarez@example.org", MimeCharset.Latin1, 'Q'),
        new("François Dubois", "francois.dubois@fr.example.net", MimeCharset.Latin1, 'Q'),
        new("Lars Øvergaard", "lars@no.example.com", MimeCharset.Latin1, 'Q'),
        new("Иван Петров", "ivan.petrov@ru.example.net", MimeCharset.Koi8R, 'B'),
        new("Ольга Смирнова", "olga.smirnova@ru.example.net", MimeCharset.Koi8R, 'B'),
        new(string.Empty, "ops@example.net", MimeCharset.Ascii, ' '),
        new("CI Bot", "noreply@ci.example.com", MimeCharset.Ascii, ' '),
    ];

    private static readonly Person ListAddress = new("The .NET Dev List", "dotnet-dev@lists.example.org", MimeCharset.Ascii, ' ');

    private static readonly string[] Topics =
    [
        "Quarterly report", "Lunch on Friday?", "Build failure on main", "Release notes for 2.4", "Meeting minutes",
        "Design review: connection pooling", "Your invoice is ready", "Welcome aboard", "Flaky test in CI",
        "Proposal: drop support for the old API", "Holiday schedule", "Conference travel", "Budget for next year",
        "Server maintenance window this weekend", "Question about IMAP IDLE timeouts", "Pull request feedback",
        "Weekly status", "Team offsite planning", "Security advisory", "Password reset requested", "Photos from the trip",
        "Contract draft v3", "Performance numbers for the parser", "Onboarding checklist", "Re-org announcement",
        "Reminder: timesheets due", "Customer escalation", "Backup job failed", "New laptop order", "Book club: chapter 7",
        "Migration plan for the mail servers and the long tail of legacy accounts that still use POP3 daily",
        "Shared calendar", "Feedback wanted", "Outage postmortem", "Dependency updates", "Coffee machine is fixed",
    ];

    private static readonly (string Text, MimeCharset Charset, char Encoding)[] InternationalSubjects =
    [
        ("Grüße aus München", MimeCharset.Utf8, 'Q'),
        ("Café réunion à 15h", MimeCharset.Latin1, 'Q'),
        ("Résumé — final version", MimeCharset.Utf8, 'Q'),
        ("Отчёт за квартал", MimeCharset.Koi8R, 'B'),
        ("Встреча в понедельник", MimeCharset.Koi8R, 'B'),
        ("会議の議事録", MimeCharset.Utf8, 'B'),
        ("Party 🎉 on Friday", MimeCharset.Utf8, 'B'),
        ("Überprüfung der Änderungen für das nächste Release und die zugehörige Dokumentation", MimeCharset.Utf8, 'Q'),
        ("Niño's piñata — señor Ñandú", MimeCharset.Latin1, 'Q'),
        ("Συνάντηση αύριο", MimeCharset.Utf8, 'B'),
    ];

    private static readonly string[] Words =
    [
        "the", "server", "client", "mailbox", "message", "we", "should", "could", "deploy", "release", "review", "and",
        "a", "of", "to", "in", "is", "that", "for", "on", "with", "test", "build", "queue", "latency", "throughput",
        "connection", "pipeline", "parser", "buffer", "literal", "response", "command", "folder", "flag", "search",
        "thread", "customer", "meeting", "schedule", "budget", "quarter", "plan", "team", "next", "week", "today",
        "tomorrow", "please", "thanks", "update", "issue", "fix", "change", "version", "branch", "merge", "report",
        "numbers", "look", "good", "bad", "slow", "fast", "really", "maybe", "also", "still", "again", "before", "after",
    ];

    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",.()<>@;:\"[]");

    private static readonly string[] SubjectPrefixes = ["Re: ", "RE: ", "AW: ", "Fwd: "];

    private static readonly string[] Utf8Words = ["naïve", "café", "Grüße", "façade", "jalapeño", "smörgåsbord", "Ελληνικά", "日本語", "привет", "🎉", "→", "€20"];
    private static readonly string[] Latin1Words = ["café", "naïve", "Grüße", "façade", "jalapeño", "smörgåsbord", "Ærøskøbing", "£20", "½"];
    private static readonly string[] RussianWords = ["привет", "отчёт", "работа", "письмо", "встреча", "неделя", "сервер", "проект", "спасибо", "завтра", "сегодня", "Москва"];

    private readonly Random random;
    private readonly List<ThreadEntry> recent = [];
    private int sequence;

    /// <summary>Creates a generator; equal seeds give equal output.</summary>
    /// <param name="seed">The seed of the pseudo-random sequence.</param>
    public MailGenerator(int seed)
    {
        Seed = seed;
#pragma warning disable CA5394 // Deterministic test data, not security.
        random = new Random(seed);
#pragma warning restore CA5394
    }

    /// <summary>The seed this generator was created with.</summary>
    public int Seed { get; }

    /// <summary>
    /// Produces <paramref name="count"/> messages whose INTERNALDATEs increase and spread over 2015 to 2026.
    /// The sequence is lazy; enumerate it once.
    /// </summary>
    /// <param name="count">How many messages.</param>
    /// <returns>The messages, oldest first.</returns>
    public IEnumerable<GeneratedMessage> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return GenerateCore(count);
    }

    private IEnumerable<GeneratedMessage> GenerateCore(int count)
    {
        var step = (TimelineEnd - TimelineStart).TotalSeconds / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            var seconds = Math.Floor((i * step) + (NextDouble() * step * 0.9));
            yield return Create(TimelineStart.AddSeconds(seconds));
        }
    }

    private GeneratedMessage Create(DateTimeOffset internalDate)
    {
        sequence++;
        var parent = recent.Count > 3 && Chance(0.28) ? recent[recent.Count - 1 - Next(Math.Min(recent.Count, 25))] : null;

        // Addresses.
        var from = parent is not null && Chance(0.7) ? PickRecipientOf(parent) : Pick(People);
        var isList = parent is null ? Chance(0.08) : parent.IsList;
        var to = new List<Person>();
        List<Person>? cc = null;
        if (parent is not null)
        {
            to.Add(parent.From == from ? People[0] : parent.From);
        }
        else if (isList)
        {
            to.Add(ListAddress);
        }
        else
        {
            to.Add(People[0]);
            for (var extra = Chance(0.25) ? Next(1, 6) : 0; extra > 0; extra--)
            {
                AddDistinct(to, Pick(People));
            }
        }

        if (Chance(0.2))
        {
            cc = [];
            for (var n = Next(1, 4); n > 0; n--)
            {
                AddDistinct(cc, Pick(People));
            }
        }

        // Subject.
        string? subjectText;
        string? subjectHeader;
        MimeCharset subjectCharset = MimeCharset.Ascii;
        var subjectEncoding = ' ';
        if (parent is not null)
        {
            var prefix = Pick(["Re: ", "Re: ", "Re: ", "RE: ", "AW: ", "Re: Re: "]);
            subjectText = parent.BaseSubject is null ? null : prefix + parent.BaseSubject;
            subjectCharset = parent.SubjectCharset;
            subjectEncoding = parent.SubjectEncoding;
        }
        else if (Chance(0.04))
        {
            subjectText = Chance(0.7) ? null : string.Empty;
        }
        else if (Chance(0.22))
        {
            var international = Pick(InternationalSubjects);
            (subjectText, subjectCharset, subjectEncoding) = international;
        }
        else
        {
            subjectText = Pick(Topics);
            if (Chance(0.1))
            {
                subjectText = "[" + Pick(["ops", "dev", "announce", "JIRA-" + Next(100, 9999).ToString(CultureInfo.InvariantCulture)]) + "] " + subjectText;
            }
        }

        subjectHeader = subjectText is null ? null
            : subjectCharset == MimeCharset.Ascii || HeaderEncoding.IsAscii(subjectText) ? subjectText
            : EncodeMixedSubject(subjectText, subjectCharset, subjectEncoding);

        // Dates and identifiers.
        var date = HeaderDate(internalDate, out var dateHeader);
        var messageId = NewMessageId(from, date);
        var references = new List<string>();
        if (parent is not null)
        {
            references.AddRange(parent.References.Skip(Math.Max(0, parent.References.Count - 9)));
            references.Add(parent.MessageId);
        }

        // Body.
        var bodyCharset = PickBodyCharset(subjectCharset);
        var text = BodyText(bodyCharset, Next(2, 6));
        if (parent is not null)
        {
            text = Greeting(parent.From) + "\r\n\r\n" + Paragraphs(bodyCharset, Next(1, 3)) + "\r\n\r\nOn " +
                   parent.Date.ToString("ddd, MMM d, yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + ", " +
                   (parent.From.Name.Length == 0 ? parent.From.Address : parent.From.Name) + " <" + parent.From.Address + "> wrote:\r\n" + Quote(parent.Text);
        }

        // Keep every message above 1 KB.
        while (Encoding.UTF8.GetByteCount(text) < 800)
        {
            text += "\r\n\r\n" + Paragraphs(bodyCharset, 1);
        }

        text += Signature(from);
        var kind = parent is not null ? (Chance(0.75) ? Kind.Plain : Kind.Alternative) : PickKind();
        string? forwardedSubject = null;
        var entity = kind switch
        {
            Kind.Plain => TextEntity("plain", text, bodyCharset),
            Kind.Alternative => Alternative(text, bodyCharset),
            Kind.Mixed => Mixed(text, bodyCharset),
            Kind.Related => Related(text, bodyCharset),
            _ => Forward(text, bodyCharset, date, out forwardedSubject),
        };
        if (forwardedSubject is not null && parent is null)
        {
            subjectText = "Fwd: " + forwardedSubject;
            subjectHeader = HeaderEncoding.IsAscii(subjectText) ? subjectText : EncodeMixedSubject(subjectText, MimeCharset.Utf8, 'Q');
            subjectCharset = MimeCharset.Utf8;
            subjectEncoding = 'Q';
        }

        // Header block.
        var headers = new StringBuilder(1024);
        headers.Append("Return-Path: <").Append(from.Address).Append(">\r\n");
        AppendReceived(headers, internalDate);
        if (Chance(0.5))
        {
            AppendReceived(headers, internalDate.AddSeconds(-Next(1, 30)));
        }

        AppendHeader(headers, "Date", dateHeader);
        AppendHeader(headers, "From", Mailbox(from));
        if (isList)
        {
            AppendHeader(headers, "Sender", "dotnet-dev-bounces@lists.example.org");
            AppendHeader(headers, "Reply-To", Mailbox(ListAddress));
        }
        else if (Chance(0.05))
        {
            AppendHeader(headers, "Reply-To", Mailbox(Pick(People)));
        }

        AppendHeader(headers, "To", Recipients(to, allowGroup: parent is null && !isList));
        if (cc is not null)
        {
            AppendHeader(headers, "Cc", Recipients(cc, allowGroup: false));
        }

        if (subjectHeader is not null)
        {
            AppendHeader(headers, "Subject", subjectHeader);
        }

        AppendHeader(headers, "Message-ID", messageId);
        if (parent is not null)
        {
            AppendHeader(headers, "In-Reply-To", parent.MessageId);
            headers.Append("References: ").AppendJoin("\r\n ", references).Append("\r\n");
        }

        if (isList)
        {
            AppendHeader(headers, "List-Id", "The .NET Dev List <dotnet-dev.lists.example.org>");
            AppendHeader(headers, "List-Unsubscribe", "<mailto:dotnet-dev-request@lists.example.org?subject=unsubscribe>");
            AppendHeader(headers, "Precedence", "list");
        }

        if (Chance(0.3))
        {
            AppendHeader(headers, "X-Mailer", Pick(["Example Mail 3.2", "ImapClient test generator", "Evolution 3.44.4", "Mutt/2.2.9"]));
        }

        if (Chance(0.4))
        {
            AppendHeader(headers, "X-Spam-Score", (NextDouble() * 4).ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (entity.Headers.Length > 0 || Chance(0.5))
        {
            headers.Append("MIME-Version: 1.0\r\n");
        }

        headers.Append(entity.Headers).Append("\r\n").Append(entity.Body);
        if (!entity.Body.EndsWith("\r\n", StringComparison.Ordinal))
        {
            headers.Append("\r\n");
        }

        var content = Encoding.UTF8.GetBytes(headers.ToString());
        EnsureCrlf(content);

        // Flags: mostly read, some answered or flagged, a rare keyword.
        var flags = SystemFlags.None;
        if (Chance(0.6))
        {
            flags |= SystemFlags.Seen;
        }

        if (Chance(0.1))
        {
            flags |= SystemFlags.Answered;
        }

        if (Chance(0.05))
        {
            flags |= SystemFlags.Flagged;
        }

        IReadOnlyList<string> keywords = Chance(0.02) ? ["$Label1"] : [];

        var baseSubject = parent is not null ? parent.BaseSubject : subjectText;
        recent.Add(new ThreadEntry(messageId, references, baseSubject, subjectCharset, subjectEncoding, from, to, date, text, isList));
        if (recent.Count > 60)
        {
            recent.RemoveAt(0);
        }

        return new GeneratedMessage
        {
            Content = content,
            InternalDate = internalDate,
            Date = date,
            Flags = flags,
            Keywords = keywords,
            MessageId = messageId,
            InReplyTo = parent?.MessageId,
            Subject = subjectText,
            FromAddress = from.Address,
            ContentType = entity.MediaType,
        };
    }

    private static void EnsureCrlf(byte[] content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if ((content[i] == '\n' && (i == 0 || content[i - 1] != '\r')) || (content[i] == '\r' && (i + 1 == content.Length || content[i + 1] != '\n')))
            {
                throw new InvalidOperationException("Generated message has a bare CR or LF at offset " + i.ToString(CultureInfo.InvariantCulture) + ".");
            }
        }
    }

    private Kind PickKind()
    {
        var roll = NextDouble();
        return roll switch
        {
            < 0.45 => Kind.Plain,
            < 0.70 => Kind.Alternative,
            < 0.89 => Kind.Mixed,
            < 0.94 => Kind.Related,
            _ => Kind.Forward,
        };
    }

    private MimeCharset PickBodyCharset(MimeCharset subjectCharset)
    {
        if (subjectCharset != MimeCharset.Ascii && Chance(0.7))
        {
            return subjectCharset;
        }

        var roll = NextDouble();
        return roll switch
        {
            < 0.55 => MimeCharset.Ascii,
            < 0.85 => MimeCharset.Utf8,
            < 0.94 => MimeCharset.Latin1,
            _ => MimeCharset.Koi8R,
        };
    }

    // ---- entities -----------------------------------------------------------------------------------------------

    private Entity TextEntity(string subtype, string text, MimeCharset charset)
    {
        if (!Fits(text, charset))
        {
            // Quoted names or text from another thread do not fit: pick the charset a mail agent would.
            charset = MimeCharset.Utf8;
        }

        var charsetName = HeaderEncoding.CharsetName(charset);
        if (charset == MimeCharset.Ascii)
        {
            if (subtype == "plain" && Chance(0.15))
            {
                // Defaults apply: text/plain; charset=us-ascii, 7bit.
                return new Entity(string.Empty, text, "text/plain");
            }

            var flowed = subtype == "plain" && Chance(0.2) ? "; format=flowed" : string.Empty;
            return new Entity(
                "Content-Type: text/" + subtype + "; charset=" + Pick([charsetName, "US-ASCII", "\"us-ascii\""]) + flowed + "\r\nContent-Transfer-Encoding: 7bit\r\n",
                text,
                "text/" + subtype);
        }

        var roll = NextDouble();
        string encoding;
        string body;
        if (charset == MimeCharset.Utf8 && roll < 0.2)
        {
            encoding = "8bit";
            body = text;
        }
        else if (charset == MimeCharset.Koi8R ? roll < 0.5 : roll < 0.35)
        {
            encoding = "base64";
            body = HeaderEncoding.Base64(HeaderEncoding.GetBytes(text, charset)) + "\r\n";
        }
        else
        {
            encoding = "quoted-printable";
            body = HeaderEncoding.QuotedPrintable(text, charset);
        }

        return new Entity(
            "Content-Type: text/" + subtype + "; charset=" + (Chance(0.3) ? charsetName.ToUpperInvariant() : charsetName) + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n",
            body,
            "text/" + subtype);
    }

    private Entity Alternative(string text, MimeCharset charset)
    {
        var html = TextEntity("html", Html(text), charset == MimeCharset.Ascii ? MimeCharset.Ascii : MimeCharset.Utf8);
        return Multipart("alternative", [TextEntity("plain", text, charset), html]);
    }

    private Entity Mixed(string text, MimeCharset charset)
    {
        var parts = new List<Entity> { Chance(0.6) ? TextEntity("plain", text, charset) : Alternative(text, charset) };
        var big = Chance(0.2);
        var budget = big ? Next(40_000, 135_000) : Next(1_500, 30_000);
        var attachments = big ? 1 : Next(1, 4);
        for (var i = 0; i < attachments; i++)
        {
            parts.Add(Attachment(Math.Max(200, budget / attachments)));
        }

        return Multipart("mixed", parts);
    }

    private Entity Related(string text, MimeCharset charset)
    {
        var cid = "image" + sequence.ToString(CultureInfo.InvariantCulture) + "." + Hex(4) + "@example.org";
        var html = Html(text).Replace("</body>", "<p><img src=\"cid:" + cid + "\" alt=\"logo\"></p>\r\n</body>", StringComparison.Ordinal);
        var image = Png(Next(800, 12_000));
        var imagePart = new Entity(
            "Content-Type: image/png; name=\"logo.png\"\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <" + cid + ">\r\nContent-Disposition: inline; filename=\"logo.png\"\r\n",
            HeaderEncoding.Base64(image) + "\r\n",
            "image/png");
        var related = Multipart("related", [TextEntity("html", html, MimeCharset.Utf8), imagePart], "; type=\"text/html\"");
        return Chance(0.5) ? Multipart("alternative", [TextEntity("plain", text, charset), related]) : related;
    }

    private Entity Forward(string text, MimeCharset charset, DateTimeOffset forwardDate, out string forwardedSubject)
    {
        var author = Pick(People);
        var date = forwardDate.AddDays(-Next(0, 30)).AddSeconds(-Next(60, 86_400));
        forwardedSubject = Pick(Topics);
        var inner = new StringBuilder();
        AppendHeader(inner, "Date", FormatDate(date.ToOffset(TimeSpan.FromMinutes(Pick(Zones).Minutes)), true, false, null));
        AppendHeader(inner, "From", Mailbox(author));
        AppendHeader(inner, "To", Mailbox(Pick(People)));
        AppendHeader(inner, "Subject", forwardedSubject);
        AppendHeader(inner, "Message-ID", NewMessageId(author, date));
        inner.Append("MIME-Version: 1.0\r\n");
        var innerEntity = Chance(0.5) ? TextEntity("plain", BodyText(MimeCharset.Ascii, Next(2, 5)), MimeCharset.Ascii) : Alternative(BodyText(MimeCharset.Utf8, Next(2, 4)), MimeCharset.Utf8);
        inner.Append(innerEntity.Headers).Append("\r\n").Append(innerEntity.Body);
        if (!innerEntity.Body.EndsWith("\r\n", StringComparison.Ordinal))
        {
            inner.Append("\r\n");
        }

        var attached = Chance(0.5)
            ? new Entity("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n", inner.ToString(), "message/rfc822")
            : new Entity("Content-Type: message/rfc822; name=\"forwarded.eml\"\r\nContent-Disposition: attachment; filename=\"forwarded.eml\"\r\n", inner.ToString(), "message/rfc822");
        return Multipart("mixed", [TextEntity("plain", "Forwarding this, see below.\r\n\r\n" + text, charset), attached]);
    }

    private Entity Attachment(int size)
    {
        var roll = NextDouble();
        string mediaType;
        string name;
        byte[] data;
        if (roll < 0.35)
        {
            (mediaType, name, data) = ("application/pdf", Pick(["report.pdf", "invoice-" + Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + ".pdf", "Prüfbericht 2024.pdf", "Отчёт.pdf"]), Pdf(size));
        }
        else if (roll < 0.6)
        {
            (mediaType, name, data) = ("image/png", Pick(["screenshot.png", "diagram.png", "фото.png"]), Png(size));
        }
        else if (roll < 0.75)
        {
            (mediaType, name, data) = ("text/csv", "data.csv", Encoding.ASCII.GetBytes(Csv(size)));
        }
        else if (roll < 0.9)
        {
            (mediaType, name, data) = ("application/zip", "logs.zip", Binary([0x50, 0x4B, 0x03, 0x04], size));
        }
        else
        {
            (mediaType, name, data) = ("application/octet-stream", "firmware.bin", Binary([0x7F, 0x45, 0x4C, 0x46], size));
        }

        string parameters;
        if (HeaderEncoding.IsAscii(name))
        {
            parameters = "; name=\"" + name + "\"";
            var disposition = "Content-Disposition: attachment; filename=\"" + name + "\"";
            return new Entity(
                "Content-Type: " + mediaType + parameters + "\r\n" + disposition + "\r\nContent-Transfer-Encoding: base64\r\n",
                HeaderEncoding.Base64(data) + "\r\n",
                mediaType);
        }

        // Non-ASCII names: an RFC 2047 name for old readers and an RFC 2231 filename*.
        parameters = ";\r\n name=\"" + HeaderEncoding.EncodeWords(name, MimeCharset.Utf8, 'B') + "\"";
        return new Entity(
            "Content-Type: " + mediaType + parameters + "\r\nContent-Disposition: attachment;\r\n filename*=" + HeaderEncoding.Rfc2231(name) + "\r\nContent-Transfer-Encoding: base64\r\n",
            HeaderEncoding.Base64(data) + "\r\n",
            mediaType);
    }

    private Entity Multipart(string subtype, IReadOnlyList<Entity> parts, string extraParameters = "")
    {
        var boundary = Pick(["----=_Part_", "b1_", "=-", "Apple-Mail="]) + sequence.ToString(CultureInfo.InvariantCulture) + "_" + Hex(8);
        var body = new StringBuilder();
        if (Chance(0.5))
        {
            body.Append("This is a multi-part message in MIME format.\r\n");
        }

        foreach (var part in parts)
        {
            body.Append(body.Length == 0 ? "--" : "\r\n--").Append(boundary).Append("\r\n").Append(part.Headers).Append("\r\n").Append(part.Body);
            if (part.Body.EndsWith("\r\n", StringComparison.Ordinal))
            {
                // The CRLF before the next delimiter belongs to the delimiter.
                body.Length -= 2;
            }
        }

        body.Append("\r\n--").Append(boundary).Append("--\r\n");
        var headers = "Content-Type: multipart/" + subtype + ";\r\n boundary=\"" + boundary + "\"" + extraParameters + "\r\n";
        return new Entity(headers, body.ToString(), "multipart/" + subtype);
    }

    // ---- content ------------------------------------------------------------------------------------------------

    private string BodyText(MimeCharset charset, int paragraphs) => Greeting(null) + "\r\n\r\n" + Paragraphs(charset, paragraphs);

    private string Greeting(Person? to) => Pick(["Hi", "Hello", "Dear", "Hey"]) + (to is null || to.Name.Length == 0 ? " all," : " " + to.Name.Split(' ')[0].TrimEnd(',') + ",");

    private string Paragraphs(MimeCharset charset, int count)
    {
        var builder = new StringBuilder();
        for (var p = 0; p < count; p++)
        {
            if (p > 0)
            {
                builder.Append("\r\n\r\n");
            }

            var paragraph = new StringBuilder();
            for (var s = Next(2, 6); s > 0; s--)
            {
                var words = Next(6, 18);
                for (var w = 0; w < words; w++)
                {
                    var word = charset switch
                    {
                        MimeCharset.Koi8R => Chance(0.6) ? Pick(RussianWords) : Pick(Words),
                        MimeCharset.Utf8 when Chance(0.08) => Pick(Utf8Words),
                        MimeCharset.Latin1 when Chance(0.08) => Pick(Latin1Words),
                        _ => Pick(Words),
                    };
                    if (w == 0)
                    {
                        word = char.ToUpperInvariant(word[0]) + word[1..];
                    }

                    paragraph.Append(word).Append(w == words - 1 ? Pick([". ", ". ", "? ", "! "]) : Chance(0.08) ? ", " : " ");
                }
            }

            Wrap(builder, paragraph.ToString().TrimEnd(), 72);
        }

        return builder.ToString();
    }

    private static void Wrap(StringBuilder builder, string text, int width)
    {
        var lineLength = 0;
        foreach (var word in text.Split(' '))
        {
            if (lineLength > 0 && lineLength + 1 + word.Length > width)
            {
                builder.Append("\r\n");
                lineLength = 0;
            }
            else if (lineLength > 0)
            {
                builder.Append(' ');
                lineLength++;
            }

            builder.Append(word);
            lineLength += word.Length;
        }
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder();
        var lines = text.Split("\r\n");
        foreach (var line in lines.Take(12))
        {
            builder.Append(line.Length == 0 || line.StartsWith('>') ? ">" : "> ").Append(line).Append("\r\n");
        }

        return builder.ToString();
    }

    private string Signature(Person from) =>
        "\r\n\r\n-- \r\n" + (from.Name.Length == 0 ? from.Address : from.Name) + "\r\n" + Pick(["Example Org", "Sent from my phone", "Engineering", "+1 555 0100"]) + "\r\n";

    private static string Html(string text)
    {
        var builder = new StringBuilder("<html>\r\n<head><meta charset=\"utf-8\"><title>Message</title></head>\r\n<body>\r\n");
        foreach (var paragraph in text.Split("\r\n\r\n"))
        {
            builder.Append("<p>")
                .Append(paragraph.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\r\n", " ", StringComparison.Ordinal))
                .Append("</p>\r\n");
        }

        return builder.Append("</body>\r\n</html>\r\n").ToString();
    }

    private string Csv(int size)
    {
        var builder = new StringBuilder("date,host,requests,errors,latency_ms\r\n", size + 64);
        var day = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Next(0, 2000));
        while (builder.Length < size)
        {
            builder.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",host").Append(Next(1, 40).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Next(100, 100_000).ToString(CultureInfo.InvariantCulture)).Append(',').Append(Next(0, 50).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append((NextDouble() * 250).ToString("0.00", CultureInfo.InvariantCulture)).Append("\r\n");
            day = day.AddHours(1);
        }

        return builder.ToString();
    }

    private byte[] Pdf(int size)
    {
        var head = Encoding.Latin1.GetBytes("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n4 0 obj\n<< /Length " + size.ToString(CultureInfo.InvariantCulture) + " /Filter /FlateDecode >>\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return Binary(head, size, tail);
    }

    private byte[] Png(int size) =>
        Binary([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], size, [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]);

    private byte[] Binary(byte[] head, int size, byte[]? tail = null)
    {
        tail ??= [];
        var data = new byte[Math.Max(size, head.Length + tail.Length)];
        head.CopyTo(data, 0);
        NextBytes(data.AsSpan(head.Length, data.Length - head.Length - tail.Length));
        tail.CopyTo(data, data.Length - tail.Length);
        return data;
    }

    // ---- headers ------------------------------------------------------------------------------------------------

    private static string EncodeMixedSubject(string text, MimeCharset charset, char encoding)
    {
        // Keep leading ASCII prefixes such as "Re: " or "Fwd: " readable, as most agents do.
        var prefixLength = 0;
        string? prefix;
        while ((prefix = Array.Find(SubjectPrefixes, p => text.AsSpan(prefixLength).StartsWith(p, StringComparison.Ordinal))) is not null)
        {
            prefixLength += prefix.Length;
        }

        var rest = text[prefixLength..];
        if (!Fits(rest, charset) || charset == MimeCharset.Ascii)
        {
            charset = MimeCharset.Utf8;
        }

        return text[..prefixLength] + HeaderEncoding.EncodeWords(rest, charset, encoding == ' ' ? 'Q' : encoding);
    }

    private static bool Fits(string text, MimeCharset charset) => charset switch
    {
        MimeCharset.Ascii => HeaderEncoding.IsAscii(text),
        MimeCharset.Latin1 => text.All(c => c <= 0xFF),
        MimeCharset.Koi8R => Koi8R.CanEncode(text),
        _ => true,
    };

    private DateTimeOffset HeaderDate(DateTimeOffset internalDate, out string header)
    {
        // Sent a little before it arrived; a few clocks run ahead or far behind.
        var skew = Chance(0.02) ? TimeSpan.FromSeconds(-Next(60, 3 * 86_400)) : TimeSpan.FromSeconds(Next(2, 2400));
        var (minutes, comment) = Pick(Zones);
        var date = (internalDate - skew).ToOffset(TimeSpan.FromMinutes(minutes));
        header = FormatDate(date, !Chance(0.1), Chance(0.15), Chance(0.5) ? comment : null);
        return date;
    }

    private static string FormatDate(DateTimeOffset date, bool weekday, bool shortDay, string? comment)
    {
        var builder = new StringBuilder();
        if (weekday)
        {
            builder.Append(date.ToString("ddd, ", CultureInfo.InvariantCulture));
        }

        builder.Append(date.ToString(shortDay ? "d MMM yyyy HH:mm:ss " : "dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture));
        var offset = (int)date.Offset.TotalMinutes;
        builder.Append(offset < 0 ? '-' : '+').Append((Math.Abs(offset) / 60).ToString("00", CultureInfo.InvariantCulture)).Append((Math.Abs(offset) % 60).ToString("00", CultureInfo.InvariantCulture));
        if (comment is not null)
        {
            builder.Append(' ').Append(comment);
        }

        return builder.ToString();
    }

    private string NewMessageId(Person from, DateTimeOffset date)
    {
        var domain = from.Address[(from.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return Next(3) switch
        {
            0 => "<" + date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + sequence.ToString(CultureInfo.InvariantCulture) + "." + Hex(6) + "@" + domain + ">",
            1 => "<CA" + Hex(20) + "+" + Hex(6) + "@mail.example.com>",
            _ => "<" + Hex(8) + "-" + Hex(4) + "-" + Hex(4) + "-" + Hex(12) + "@" + domain + ">",
        };
    }

    private void AppendReceived(StringBuilder headers, DateTimeOffset when)
    {
        var relay = Next(1, 9).ToString(CultureInfo.InvariantCulture);
        var ip = Pick(["192.0.2.", "198.51.100.", "203.0.113."]) + Next(1, 255).ToString(CultureInfo.InvariantCulture);
        headers.Append("Received: from mx").Append(relay).Append(".example.net (mx").Append(relay).Append(".example.net [").Append(ip).Append("])\r\n")
            .Append("\tby mail.example.org (Postfix) with ESMTPS id ").Append(Hex(10).ToUpperInvariant()).Append("\r\n")
            .Append("\tfor <alice@example.org>; ").Append(FormatDate(when.ToOffset(TimeSpan.Zero), true, false, null)).Append("\r\n");
    }

    private static void AppendHeader(StringBuilder headers, string name, string value)
    {
        // Fold at spaces so that lines stay under 78 characters where possible.
        var lineLength = name.Length + 1;
        headers.Append(name).Append(':');
        foreach (var token in value.Split(' '))
        {
            if (lineLength + 1 + token.Length > 76 && lineLength > name.Length + 1)
            {
                headers.Append("\r\n");
                lineLength = 0;
            }

            headers.Append(' ').Append(token);
            lineLength += 1 + token.Length;
        }

        headers.Append("\r\n");
    }

    private string Recipients(List<Person> people, bool allowGroup)
    {
        if (allowGroup && Chance(0.01))
        {
            return "undisclosed-recipients:;";
        }

        var list = string.Join(", ", people.Select(Mailbox));
        if (allowGroup && Chance(0.03))
        {
            return "Project Team: " + list + ", " + Mailbox(People[1]) + ";";
        }

        return list;
    }

    private string Mailbox(Person person)
    {
        if (person.Name.Length == 0)
        {
            return Chance(0.5) ? person.Address : "<" + person.Address + ">";
        }

        return Display(person) + " <" + person.Address + ">";
    }

    private static string Display(Person person)
    {
        if (person.Charset != MimeCharset.Ascii)
        {
            return HeaderEncoding.EncodeWords(person.Name, person.Charset, person.Encoding);
        }

        return person.Name.AsSpan().IndexOfAny(NeedsQuoting) >= 0 ? "\"" + person.Name + "\"" : person.Name;
    }

    private Person PickRecipientOf(ThreadEntry parent) => parent.To.Count > 0 && parent.To[0] != ListAddress ? Pick(parent.To.ToArray()) : Pick(People);

    private static void AddDistinct(List<Person> people, Person person)
    {
        if (!people.Contains(person))
        {
            people.Add(person);
        }
    }

    // ---- randomness ---------------------------------------------------------------------------------------------

#pragma warning disable CA5394 // Deterministic test data, not security.
    private int Next(int maxExclusive) => random.Next(maxExclusive);

    private int Next(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    private double NextDouble() => random.NextDouble();

    private void NextBytes(Span<byte> buffer) => random.NextBytes(buffer);
#pragma warning restore CA5394

    private bool Chance(double probability) => NextDouble() < probability;

    private T Pick<T>(T[] items) => items[Next(items.Length)];

    private string Hex(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    private enum Kind
    {
        Plain,
        Alternative,
        Mixed,
        Related,
        Forward,
    }

    private sealed record Person(string Name, string Address, MimeCharset Charset, char Encoding);

    private sealed record Entity(string Headers, string Body, string MediaType);

    private sealed record ThreadEntry(
        string MessageId,
        List<string> References,
        string? BaseSubject,
        MimeCharset SubjectCharset,
        char SubjectEncoding,
        Person From,
        List<Person> To,
        DateTimeOffset Date,
        string Text,
        bool IsList);
}
