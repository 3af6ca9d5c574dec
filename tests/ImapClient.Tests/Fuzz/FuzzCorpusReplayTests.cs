using System.Text;
using Imap.Fuzz;

namespace Imap.Tests.Fuzz;

/// <summary>
/// The fuzz targets of fuzz/ImapClient.Fuzz run without AFL over every seed in fuzz/corpus and every past finding in
/// fuzz/findings: no exception but the typed ones each call documents, no hang, and (parser) the same reading however
/// the input is cut into reads.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    private static readonly string Root = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fuzz");

    public static IEnumerable<TestCaseData> Inputs()
    {
        foreach (string folder in new[] { "corpus", "findings" })
        {
            foreach (string target in Targets.Names)
            {
                string directory = Path.Combine(Root, folder, target);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (string file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                {
                    yield return new TestCaseData(target, Path.GetRelativePath(Root, file)).SetArgDisplayNames(target, $"{folder}/{Path.GetFileName(file)}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Inputs))]
    [CancelAfter(30_000)]
    public async Task Every_seed_and_past_finding_runs_through_its_target_without_a_finding(string target, string file)
    {
        byte[] input = await File.ReadAllBytesAsync(Path.Combine(Root, file));
        if (target == "session")
        {
            // The async form, so that a hang fails this test through SessionTarget.HangLimit without blocking a thread.
            await SessionTarget.RunAsync(new ScriptedServerStream(input));
        }
        else
        {
            Targets.Find(target)!(input);
        }
    }

    [Test]
    public void The_corpus_has_seeds_for_every_target()
    {
        foreach (string target in Targets.Names)
        {
            Assert.That(Directory.EnumerateFiles(Path.Combine(Root, "corpus", target)).Count(), Is.GreaterThanOrEqualTo(10), target);
        }
    }

    [Test]
    public async Task The_recorded_Dovecot_session_takes_the_client_through_every_step_of_the_script()
    {
        var steps = new List<string>();
        byte[] input = await File.ReadAllBytesAsync(Path.Combine(Root, "corpus", "session", "dovecot-session.imap"));
        var transport = new ScriptedServerStream(input);

        await SessionTarget.RunAsync(transport, steps.Add);

        Assert.That(steps, Is.EqualTo(new[]
        {
            "connect: ok (1 segments released)",
            "login: ok (4 segments released)",
            "select: ok (5 segments released)",
            "fetch: ok (6 segments released)",
            "fetch body: ok (7 segments released)",
            "search: ok (8 segments released)",
            "idle: OperationCanceledException: The operation was canceled. (10 segments released)",
            "logout: ok (11 segments released)",
        }));
    }

    [Test]
    public async Task A_segment_of_the_script_becomes_readable_only_when_the_client_writes_a_line()
    {
        using var stream = new ScriptedServerStream("* OK hi\r\n\u001eA1 OK\r\n"u8);
        var buffer = new byte[64];

        int count = await stream.ReadAsync(buffer);
        Assert.That(Encoding.Latin1.GetString(buffer, 0, count), Is.EqualTo("* OK hi\r\n"));
        var next = stream.ReadAsync(buffer).AsTask();
        await stream.WhenStalledAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That((next.IsCompleted, stream.IsStalled), Is.EqualTo((false, true)));

        await stream.WriteAsync("A1 NOOP\r\n"u8.ToArray());
        count = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(Encoding.Latin1.GetString(buffer, 0, count), Is.EqualTo("A1 OK\r\n"));

        stream.Force();
        Assert.That(await stream.ReadAsync(buffer), Is.Zero, "with no segment left, forcing ends the stream");
    }
}
