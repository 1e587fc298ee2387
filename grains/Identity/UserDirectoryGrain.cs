using Cascade.Hosting;

namespace Cascade.Identity;

public sealed class UserDirectoryGrain(
    [PersistentState("users", StorageNames.Default)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task Add(string username)
    {
        if (!state.State.Usernames.Add(username)) return;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.Usernames.ToList());
}

[GenerateSerializer, Alias("cascade.user-directory-state")]
public sealed class UserDirectoryState
{
    [Id(0)] public SortedSet<string> Usernames { get; set; } = new(StringComparer.Ordinal);
}
