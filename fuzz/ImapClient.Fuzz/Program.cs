using Imap.Fuzz;
using SharpFuzz;

// The AFL entry point: `ImapClient.Fuzz TARGET` under afl-fuzz (scripts/fuzz.sh), or `ImapClient.Fuzz TARGET FILE...`
// to run inputs once without AFL and print what each did, or `ImapClient.Fuzz TARGET --minimize IN OUT` to shrink a
// finding. Only the AFL mode may use the instrumented copy that scripts/fuzz.sh makes; the others need a plain build.
if (args.Length == 0 || Targets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: ImapClient.Fuzz {string.Join('|', Targets.Names)} [FILE...]");
    return 2;
}

if (args.Length == 4 && args[1] == "--minimize")
{
    byte[] minimized = Minimizer.Minimize(target, File.ReadAllBytes(args[2]));
    File.WriteAllBytes(args[3], minimized);
    Console.WriteLine($"{minimized.Length} bytes, failing as: {Minimizer.Signature(target, minimized)}");
    return 0;
}

if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

int failed = 0;
foreach (string file in args[1..])
{
    byte[] input = File.ReadAllBytes(file);
    try
    {
        if (args[0] == "session")
        {
            // The session is shown too: what the client wrote and how far into the script it got.
            var transport = new ScriptedServerStream(input);
            await SessionTarget.RunAsync(transport, step => Console.WriteLine("        " + step));
            Console.WriteLine($"ok      {file}: {transport.Released} of {transport.SegmentCount} segments released; client wrote:");
            Console.WriteLine(transport.Written);
        }
        else
        {
            target(input);
            Console.WriteLine($"ok      {file}");
        }
    }
    catch (Exception ex)
    {
        failed++;
        Console.WriteLine($"FINDING {file}: {ex}");
    }
}

return failed == 0 ? 0 : 1;
