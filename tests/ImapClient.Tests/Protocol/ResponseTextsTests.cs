using System.Buffers;
using System.Text;
using Imap.Protocol;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// The process-wide table of response texts: a repeated text is the same string, every text is what its bytes decode
/// to whatever other connections put in the table meanwhile, and the table never grows.
/// </summary>
public sealed class ResponseTextsTests
{
    [Test]
    public void A_repeated_text_is_the_same_string_and_a_different_one_is_its_own()
    {
        string first = ResponseTexts.Get(Bytes("Fetch completed (0.001 + 0.000 secs)."));
        string again = ResponseTexts.Get(Bytes("Fetch completed (0.001 + 0.000 secs)."));
        string other = ResponseTexts.Get(Bytes("Fetch completed (0.002 + 0.000 secs)."));

        Assert.That(again, Is.SameAs(first));
        Assert.That(other, Is.EqualTo("Fetch completed (0.002 + 0.000 secs)."));
    }

    [Test]
    public void A_text_split_across_buffer_segments_is_the_same_string_as_the_whole_one()
    {
        string whole = ResponseTexts.Get(Bytes("Select completed."));
        string split = ResponseTexts.Get(Segments("Select ", "comp", "leted."));

        Assert.That(split, Is.SameAs(whole));
    }

    [TestCase("\u00dcber quota", Description = "UTF-8")]
    [TestCase("a text longer than the sixty-four bytes that the table keeps, decoded each time it comes")]
    public void Texts_the_table_does_not_keep_are_decoded_as_before(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        Assert.That(ResponseTexts.Get(new ReadOnlySequence<byte>(bytes)), Is.EqualTo(text));
        Assert.That(ResponseTexts.Get(Segments(text[..5], text[5..])), Is.EqualTo(text));
    }

    [Test]
    public void Latin1_that_is_not_UTF8_is_decoded_as_Latin1()
    {
        byte[] bytes = [(byte)'G', 0xFC, (byte)'l', (byte)'t', (byte)'i', (byte)'g'];

        Assert.That(ResponseTexts.Get(new ReadOnlySequence<byte>(bytes)), Is.EqualTo("G\u00fcltig"));
    }

    [Test]
    public void Connections_sharing_the_table_at_once_each_get_their_own_text()
    {
        // Four times as many distinct texts as slots, from four threads at once: slots are overwritten all the time.
        string[] texts = Enumerable.Range(0, ResponseTexts.Slots * 4).Select(i => $"Command {i} completed.").ToArray();
        byte[][] bytes = texts.Select(Encoding.ASCII.GetBytes).ToArray();
        int wrong = 0;

        Parallel.For(0, 4, worker =>
        {
            for (int round = 0; round < 50; round++)
            {
                for (int i = worker; i < texts.Length; i += 3)
                {
                    if (ResponseTexts.Get(new ReadOnlySequence<byte>(bytes[i])) != texts[i])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    private static ReadOnlySequence<byte> Segments(params string[] parts) =>
        ChunkedSequence.Create(parts.Select(p => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(p)).ToList());
}
