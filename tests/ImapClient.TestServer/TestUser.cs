namespace Imap.TestServer;

/// <summary>An account of the test server.</summary>
/// <param name="Name">The login name.</param>
/// <param name="Password">The clear-text password.</param>
public sealed record TestUser(string Name, string Password);
