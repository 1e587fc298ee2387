using Cascade.Storage;

namespace Cascade.Directives;

/// <summary>Every directive's issuer and which still have work (one small stored state: directives are few).</summary>
public sealed class DirectiveIndexGrain(
    [PersistentState("directive-index", StorageNames.Default)] IPersistentState<DirectiveIndexState> state) : Grain, IDirectiveIndexGrain
{
    private DirectiveIndexState S => state.State;

    public async Task Register(string id, string issuerUnitId)
    {
        if (S.Issuers.GetValueOrDefault(id) == issuerUnitId && S.Busy.Contains(id)) return;
        S.Issuers[id] = issuerUnitId;
        S.Busy.Add(id);
        await state.WriteStateAsync();
    }

    public async Task SetBusy(string id, bool busy)
    {
        if (!S.Issuers.ContainsKey(id) || (busy ? !S.Busy.Add(id) : !S.Busy.Remove(id))) return;
        await state.WriteStateAsync();
    }

    public async Task Remove(string id)
    {
        if (!S.Issuers.Remove(id) & !S.Busy.Remove(id)) return;
        await state.WriteStateAsync();
    }

    public Task<bool> Exists(string id) => Task.FromResult(S.Issuers.ContainsKey(id));

    public Task<IReadOnlyList<string>> Issued(IReadOnlyList<string>? issuerIds)
    {
        var wanted = issuerIds?.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> ids = [.. S.Issuers.Where(p => wanted is null || wanted.Contains(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal)];
        return Task.FromResult(ids);
    }

    public Task Wake()
    {
        foreach (var id in S.Busy) GrainFactory.GetGrain<IDirectiveGrain>(id).Resume().Ignore();
        return Task.CompletedTask;
    }
}
