namespace Cascade.Storage;

/// <summary>
/// The node cannot use its storage (a missing, malformed or refused connection string, or a
/// storage that did not answer in time) and so does not start. The message names the setting
/// and says what to do; the stack trace would only hide it, so the log shows none.
/// </summary>
public sealed class StorageUnavailableException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
