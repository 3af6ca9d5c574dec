using Imap.Fuzz;
using SharpFuzz;

// The AFL entry point: `ImapClient.Fuzz TARGET` under afl-fuzz (scripts/fuzz.sh), or `ImapClient.Fuzz TARGET FILE...`
// to run inputs once without AFL and print what each did.
if (args.Length == 0 || Targets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: ImapClient.Fuzz {string.Join('|', Targets.Names)} [FILE...]");
    return 2;
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
    catch (FuzzFindingException ex)
    {
        failed++;
        Console.WriteLine($"FINDING {file}: {ex}");
    }
}

return failed == 0 ? 0 : 1;
