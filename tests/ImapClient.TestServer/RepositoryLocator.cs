namespace Imap.TestServer;

/// <summary>Finds the repository root from the running assembly's folder.</summary>
internal static class RepositoryLocator
{
    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/> (then the current folder) to the repository root.</summary>
    /// <exception cref="DovecotException">No root was found.</exception>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (IsRoot(directory.FullName))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DovecotException("Could not find the repository root (a folder with ImapClient.sln and scripts/dovecot/dovecot.sh) above " + AppContext.BaseDirectory + ".");
    }

    private static bool IsRoot(string path)
    {
        if (!File.Exists(Path.Combine(path, "scripts", "dovecot", "dovecot.sh")))
        {
            return false;
        }

        // The solution marks the root; until it exists the shared build props do.
        return File.Exists(Path.Combine(path, "ImapClient.sln"))
            || File.Exists(Path.Combine(path, "ImapClient.slnx"))
            || File.Exists(Path.Combine(path, "Directory.Build.props"));
    }
}
