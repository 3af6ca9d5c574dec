using System.Text;
using CsCheck;
using Imap.Protocol;
using Imap.Protocol.Responses;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// What the command writer produces, the response parser reads back as the same value: strings and mailbox names in
/// every literal mode, with and without UTF-8, and dates. The parser sees the writer's bytes inside a response of the
/// shape servers echo them in (LIST for names, ID for strings).
/// </summary>
public sealed class WriterParserRoundTripTests
{
    private static readonly CommandWriterOptions[] AllOptions =
    [
        CommandWriterOptions.Default,
        new(LiteralMode.LiteralPlus, Utf8: false),
        new(LiteralMode.LiteralMinus, Utf8: false),
        new(LiteralMode.Synchronizing, Utf8: true),
        new(LiteralMode.LiteralPlus, Utf8: true),
    ];

    private static readonly Gen<string> Strings = Gen.Frequency(
            (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
            (3, Gen.OneOf("\r", "\n", "\r\n", "\"", "\\", " ", "{5}", "{", "}", "+", "]", "(", ")", "*", "%", "&", "&-", "~", "\t", "NIL", "/", ".")),
            (2, Gen.OneOf("\u00E9", "\u53F0", "\U0001F600", "\u00FF", "\u0416")),
            (1, Gen.Int[0x20, 0x7E].Select(c => ((char)c).ToString())))
        .Array[1, 24]
        .Select(string.Concat);

    [Test]
    public void Mailbox_names_written_in_any_mode_parse_back_to_the_same_name()
    {
        var pcg = new PCG(17, 3501);
        for (int i = 0; i < 2000; i++)
        {
            string name = Strings.Generate(pcg, null!, out _);
            foreach (var options in AllOptions)
            {
                byte[] argument = WriteArgument(options, w => w.WriteMailbox(name));
                var list = ParseWith<ListResponse>(options.Utf8, "* LIST () \"/\" "u8.ToArray(), argument);
                string expected = name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name;
                Assert.That(list.Mailbox.Name, Is.EqualTo(expected), $"{name} with {options}");
            }
        }
    }

    [Test]
    public void Strings_written_in_any_mode_parse_back_to_the_same_text()
    {
        var pcg = new PCG(23, 9051);
        for (int i = 0; i < 2000; i++)
        {
            string value = Strings.Generate(pcg, null!, out _);
            foreach (var options in AllOptions)
            {
                byte[] argument = WriteArgument(options, w => w.WriteString(value));
                var id = ParseWith<IdResponse>(options.Utf8, "* ID (\"k\" "u8.ToArray(), [.. argument, (byte)')']);
                Assert.That(id.Fields.Single().Value, Is.EqualTo(value), $"{value} with {options}");
            }
        }
    }

    [Test]
    public void Date_times_written_parse_back_to_the_same_instant()
    {
        var random = new Random(7162);
        for (int i = 0; i < 500; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4 + 1) * 15);
            var value = new DateTimeOffset(random.Next(1970, 2100), random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(60), random.Next(60), offset);
            byte[] argument = WriteArgument(CommandWriterOptions.Default, w => w.WriteDateTime(value));
            var fetch = ParseWith<FetchResponse>(false, "* 1 FETCH (INTERNALDATE "u8.ToArray(), [.. argument, (byte)')']);
            Assert.That(fetch.InternalDate, Is.EqualTo(value));
            Assert.That(fetch.InternalDate!.Value.Offset, Is.EqualTo(offset));
        }
    }

    private static byte[] WriteArgument(CommandWriterOptions options, Action<CommandWriter> write)
    {
        using var writer = new CommandWriter(options);
        writer.WriteTag("A1"u8);
        writer.WriteSpace();
        writer.WriteAtom("X"u8);
        writer.WriteSpace();
        write(writer);
        writer.EndCommand();
        var bytes = writer.WrittenSpan.ToArray();
        return bytes["A1 X ".Length..^2];
    }

    private static T ParseWith<T>(bool utf8, byte[] prefix, byte[] argument)
        where T : class
    {
        var feeder = new ResponseFeeder();
        if (utf8)
        {
            feeder.Reader.Parser.Session.NoteEnabled(["UTF8=ACCEPT"]);
        }

        feeder.Feed((byte[])[.. prefix, .. argument, (byte)'\r', (byte)'\n']);
        Assert.That(feeder.Responses, Has.Count.EqualTo(1), () => Encoding.UTF8.GetString([.. prefix, .. argument]) + " → " + string.Join(" | ", feeder.Events));
        return (T)feeder.Responses[0];
    }
}
