namespace Imap.Fuzz;

/// <summary>
/// What a target throws when the code under test misbehaved: an exception of a type it must not throw, a hang, or
/// two ways of reading the same bytes that disagree. Under AFL it is a crash; in the replay tests, a failure.
/// </summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
