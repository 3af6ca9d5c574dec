namespace Imap.Fuzz;

/// <summary>The fuzz targets by name, as scripts/fuzz.sh and the replay tests name them.</summary>
public static class Targets
{
    public delegate void Target(ReadOnlySpan<byte> input);

    public static IReadOnlyList<string> Names { get; } = ["parser", "session"];

    public static Target? Find(string name) => name switch
    {
        "parser" => ParserTarget.Run,
        "session" => SessionTarget.Run,
        _ => null,
    };
}
