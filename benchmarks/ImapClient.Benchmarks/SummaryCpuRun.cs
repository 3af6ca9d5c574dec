using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Imap.TestServer;
using MailKit;
using MailKit.Security;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks;

/// <summary>
/// Process CPU of the summaries workload (<see cref="SummaryWork"/>) in a fresh process per client: the first pass
/// (what a command-line tool or a service's first sync pays, JIT included) and the median of the later passes, with
/// wall time, bytes allocated, the time the JIT compiled and the time threads stood still for collections.
/// <c>dotnet run -c Release -- summaries-cpu [passes] [--every-pass] [--cold-server] [--plain]</c>. BenchmarkDotNet
/// measures wall time of warm code only, which hides both. The third row, Raw, is the floor: the same UID FETCH over a
/// bare TLS stream (a bare socket with <c>--plain</c>), its answer read and thrown away; its "checksum" is the byte
/// count of the answer.
/// </summary>
/// <remarks>
/// Before the first child, one untimed pass warms Dovecot's cache: its first ENVELOPE and BODYSTRUCTURE of each message
/// are parsed from the message file, later ones come from its cache, and a client that waits longer for the server
/// also burns more CPU while it waits (the thread pool's workers spin before they sleep). Without the warm-up the first
/// client measured pays for the server's cold start; <c>--cold-server</c> leaves it out, to see that cost.
/// </remarks>
public static class SummaryCpuRun
{
    /// <summary>The two clients, and the floor: the same bytes read and thrown away (<see cref="RawFetch"/>).</summary>
    private static readonly string[] Clients = ["ImapClient", "MailKit", "Raw"];

    public static async Task<int> RunAsync(int passes, bool everyPass, bool coldServer, bool plain)
    {
        await using var dovecot = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = SummaryBenchmarks.Messages });
        int port = plain ? dovecot.ImapPort : dovecot.ImapsPort;
        Console.WriteLine($"Summaries of {SummaryBenchmarks.Messages} messages, loopback, {(plain ? "no TLS" : "implicit TLS")}, one fresh process per client, {passes} passes; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (!coldServer)
        {
            await using var warmUp = await RawFetch.ConnectAsync(dovecot.Host, dovecot.ImapPort, certificate: null, dovecot.PrimaryUser.Name, dovecot.PrimaryUser.Password);
            var clock = Stopwatch.StartNew();
            await warmUp.FetchSummariesAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dovecot's cache warmed by one untimed pass ({clock.Elapsed.TotalMilliseconds:F0} ms wall)."));
        }

        Console.WriteLine("| client | pass | CPU ms | wall ms | allocated | JIT ms | GC pause ms | checksum |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        int status = 0;
        foreach (string client in Clients)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(SummaryCpuRun).Assembly.Location);
            }

            foreach (string argument in new[]
            {
                "summaries-child", client, dovecot.Host, port.ToString(CultureInfo.InvariantCulture),
                plain ? "-" : dovecot.CertificatePath, dovecot.PrimaryUser.Name, dovecot.PrimaryUser.Password,
                passes.ToString(CultureInfo.InvariantCulture), everyPass ? "every" : "summary",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start)!;
            string output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Console.Write(output);
            status |= child.ExitCode;
        }

        return status;
    }

    /// <summary>The child: connects, then runs and reports each pass.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        string client = args[1];
        string host = args[2];
        int port = int.Parse(args[3], CultureInfo.InvariantCulture);
        using var certificate = args[4] == "-" ? null : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(args[4]);
        string user = args[5];
        string password = args[6];
        int passes = int.Parse(args[7], CultureInfo.InvariantCulture);
        bool everyPass = args[8] == "every";

        Func<Task<long>> pass;
        Func<ValueTask> close;
        var connectCpu = ProcessCpu();
        long connectAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var connectJit = JitInfo.GetCompilationTime();
        var connectPause = GC.GetTotalPauseDuration();
        var connectClock = Stopwatch.StartNew();
        if (client == "ImapClient")
        {
            var imap = await ImapClient.ConnectAsync(new ImapClientOptions
            {
                Host = host,
                Port = port,
                Security = certificate is null ? ImapSecurity.InsecurePlaintext : ImapSecurity.ImplicitTls,
                AllowCleartextPasswords = certificate is null,
                TrustedCertificate = certificate,
                Credentials = ImapCredentials.Password(user, password),
                DiscoverMailboxes = false,
            });
            var inbox = await imap.ExamineAsync("INBOX");
            pass = () => SummaryWork.ImapClientAsync(inbox);
            close = imap.DisposeAsync;
        }
        else if (client == "Raw")
        {
            var raw = await RawFetch.ConnectAsync(host, port, certificate, user, password);
            pass = raw.FetchSummariesAsync;
            close = raw.DisposeAsync;
        }
        else
        {
            var mailKit = new MailKitClient
            {
                ServerCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && certificate is not null && presented.GetCertHash().AsSpan().SequenceEqual(certificate.GetCertHash()),
            };
            await mailKit.ConnectAsync(host, port, certificate is null ? SecureSocketOptions.None : SecureSocketOptions.SslOnConnect);
            await mailKit.AuthenticateAsync(user, password);
            await mailKit.Inbox.OpenAsync(FolderAccess.ReadOnly);
            pass = () => SummaryWork.MailKitAsync(mailKit.Inbox);
            close = () =>
            {
                mailKit.Dispose();
                return ValueTask.CompletedTask;
            };
        }

        var connect = new PassFigures(
            (ProcessCpu() - connectCpu).TotalMilliseconds,
            connectClock.Elapsed.TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - connectAllocated,
            (JitInfo.GetCompilationTime() - connectJit).TotalMilliseconds,
            (GC.GetTotalPauseDuration() - connectPause).TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {client} | connect, log in, EXAMINE (cold process) | {connect.Cpu:F0} | {connect.Wall:F0} | {connect.Allocated / 1e3:F0} KB | {connect.Jit:F0} | {connect.GcPause:F0} | |"));

        // A profiler can attach now: IMAPCLIENT_BENCH_ATTACH_SECONDS=10 gives it the time (the pid goes to stderr).
        if (int.TryParse(Environment.GetEnvironmentVariable("IMAPCLIENT_BENCH_ATTACH_SECONDS"), CultureInfo.InvariantCulture, out int attach))
        {
            await Console.Error.WriteLineAsync($"{client} child {Environment.ProcessId} waits {attach} s for a profiler");
            await Task.Delay(TimeSpan.FromSeconds(attach));
        }

        var later = new List<PassFigures>();
        long checksum = 0;
        for (int i = 1; i <= passes; i++)
        {
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var jitBefore = JitInfo.GetCompilationTime();
            var pauseBefore = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            checksum = await pass();
            double wall = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            var figures = new PassFigures(
                (process.TotalProcessorTime - cpuBefore).TotalMilliseconds,
                wall,
                GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
                (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds,
                (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
            if (i == 1)
            {
                Report(client, "first (cold process)", figures, checksum);
            }
            else
            {
                if (everyPass)
                {
                    Report(client, i.ToString(CultureInfo.InvariantCulture), figures, checksum);
                }

                if (i > 2)
                {
                    later.Add(figures);
                }
            }
        }

        if (later.Count > 0)
        {
            Report(client, $"median of passes 3–{passes}", MedianOf(later), checksum);
        }

        // The runtime keeps recompiling hot methods for several passes (the JIT column); from 12 passes on, the second
        // half of them is reported on its own as the steady state.
        if (passes >= 12)
        {
            int from = (passes / 2) + 1;
            Report(client, $"steady: median of passes {from}–{passes}", MedianOf(later.Skip(from - 3).ToList()), checksum);
        }

        await close();
        return 0;
    }

    private static PassFigures MedianOf(List<PassFigures> passes) => new(
        Median(passes.Select(p => p.Cpu)),
        Median(passes.Select(p => p.Wall)),
        (long)Median(passes.Select(p => (double)p.Allocated)),
        Median(passes.Select(p => p.Jit)),
        Median(passes.Select(p => p.GcPause)));

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Report(string client, string pass, PassFigures f, long checksum) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {client} | {pass} | {f.Cpu:F0} | {f.Wall:F0} | {f.Allocated / 1e6:F1} MB ({f.Allocated / SummaryBenchmarks.Messages} B per message) | {f.Jit:F0} | {f.GcPause:F0} | {checksum} |"));

    /// <summary>
    /// One pass: process CPU and wall time, bytes allocated, time spent compiling (on any thread, the tiering
    /// background included) and time threads were paused for collections, all in milliseconds but the bytes.
    /// </summary>
    private readonly record struct PassFigures(double Cpu, double Wall, long Allocated, double Jit, double GcPause);
}
