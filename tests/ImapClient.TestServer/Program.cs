using System.Diagnostics;
using System.Globalization;
using Imap.TestServer;

// dotnet run --project tests/ImapClient.TestServer -c Release -- start|stop|fill ...
const string Usage = """
    usage:
      start --dir DIR [--messages N] [--seed S]   start a filled instance and leave it running; prints instance.env
      stop  --dir DIR                             stop the instance running from DIR
      fill  --dir DIR --user U --mailbox M --messages N [--seed S]
                                                  add generated messages to a mailbox
    """;

if (args.Length == 0 || args.Length % 2 == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

string? Option(string name) => options.TryGetValue(name, out var value) ? value : null;
int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

var directory = Option("dir");
if (directory is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

directory = Path.GetFullPath(directory);
var defaults = new DovecotOptions();
var stopwatch = Stopwatch.StartNew();
try
{
    switch (args[0])
    {
        case "start":
            var instance = await DovecotInstance.StartAsync(new DovecotOptions
            {
                Directory = directory,
                InboxMessages = Number("messages", defaults.InboxMessages),
                Seed = Number("seed", defaults.Seed),
            });
            Console.Error.WriteLine("started " + directory + " in " + stopwatch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
            Console.Write(File.ReadAllText(Path.Combine(instance.Directory, "instance.env")));
            return 0;

        case "stop":
            await DovecotInstance.StopDirectoryAsync(RepositoryLocator.Find(), directory, CancellationToken.None);
            return 0;

        case "fill":
            var user = Option("user") ?? DovecotInstance.DefaultUsers[0].Name;
            var mailbox = Option("mailbox") ?? "INBOX";
            var written = await DovecotInstance.FillAsync(RepositoryLocator.Find(), directory, user, mailbox, Number("messages", 100), Number("seed", defaults.Seed), CancellationToken.None);
            Console.Error.WriteLine("wrote " + written.ToString(CultureInfo.InvariantCulture) + " messages into " + mailbox + " of " + user + " in " + stopwatch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
            return 0;

        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception exception) when (exception is DovecotException or FormatException or OverflowException or ArgumentException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
