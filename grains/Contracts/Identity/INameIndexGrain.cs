namespace Cascade.Identity;

/// <summary>
/// A sorted set of names, one grain per kind: <see cref="Users"/> lists the usernames,
/// <see cref="Kiosks"/> the kiosk ids. The records themselves live in their own grains, so
/// an index holds a name each and stays small.
/// </summary>
public interface INameIndexGrain : IGrainWithStringKey
{
    public const string Users = "users";
    public const string Kiosks = "kiosks";

    Task Add(string name);
    Task Remove(string name);
    Task<IReadOnlyList<string>> List();
}
