using Cascade.Storage;

namespace Cascade.Identity;

public sealed class NameIndexGrain(
    [PersistentState("names", StorageNames.Default)] IPersistentState<NameIndexState> state) : Grain, INameIndexGrain
{
    public async Task Add(string name)
    {
        if (state.State.Names.Add(name)) await state.WriteStateAsync();
    }

    public async Task Remove(string name)
    {
        if (state.State.Names.Remove(name)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.Names.ToList());
}

[GenerateSerializer, Alias("cascade.name-index-state")]
public sealed class NameIndexState
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
