namespace Cascade.Identity;

/// <summary>
/// The usernames, for listing users and for knowing whether any exists (the first start
/// creates <c>admin</c>). Key: <see cref="Key"/>. Holds names only, so it stays small: the
/// users themselves live in their own grains.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "users";

    Task Add(string username);
    Task<IReadOnlyList<string>> List();
}
