using Cascade.Schedules;
using Cascade.Storage;
using Cascade.Time;

namespace Cascade.Directives;

/// <summary>
/// Every directive's and schedule's issuer and which still have work (one small stored state:
/// owners are few). Every node's <see cref="ScheduleClock"/> asks it to <see cref="Check"/>: it
/// turns schedules whose period has changed in the organization's zone, and lets schedules that
/// follow the tree find units that came to match.
/// </summary>
public sealed class DirectiveIndexGrain(
    [PersistentState("directive-index", StorageNames.Default)] IPersistentState<DirectiveIndexState> state,
    DomainClock clock) : Grain, IDirectiveIndexGrain
{
    private DirectiveIndexState S => state.State;
    private bool _treeChanged;

    public async Task Register(string id, string issuerUnitId, Cadence? every, string? period)
    {
        var mark = every is { } e ? new ScheduleMark(e, period) : null;
        if (S.Issuers.GetValueOrDefault(id) == issuerUnitId && S.Busy.Contains(id) && S.Schedules.GetValueOrDefault(id) == mark) return;
        S.Issuers[id] = issuerUnitId;
        S.Busy.Add(id);
        if (mark is not null) S.Schedules[id] = mark;
        await state.WriteStateAsync();
    }

    public async Task SetBusy(string id, bool busy)
    {
        if (!S.Issuers.ContainsKey(id) || (busy ? !S.Busy.Add(id) : !S.Busy.Remove(id))) return;
        await state.WriteStateAsync();
    }

    public async Task Remove(string id)
    {
        if (!S.Issuers.Remove(id) & !S.Busy.Remove(id) & !S.Schedules.Remove(id) & !S.Findings.Remove(id)) return;
        await state.WriteStateAsync();
    }

    public Task<bool> Exists(string id) => Task.FromResult(S.Issuers.ContainsKey(id));

    public Task<IReadOnlyList<string>> Issued(IReadOnlyList<string>? issuerIds, bool schedules)
    {
        var wanted = issuerIds?.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> ids = [.. S.Issuers
            .Where(p => (wanted is null || wanted.Contains(p.Value)) && S.Schedules.ContainsKey(p.Key) == schedules && !S.Findings.ContainsKey(p.Key))
            .Select(p => p.Key).Order(StringComparer.Ordinal)];
        return Task.FromResult(ids);
    }

    public async Task PutFinding(string id, FindingRow row)
    {
        if (!S.Issuers.ContainsKey(id) || S.Findings.GetValueOrDefault(id) == row) return;
        S.Findings[id] = row;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<FindingRow>> Findings() =>
        Task.FromResult<IReadOnlyList<FindingRow>>([.. S.Findings.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);

    public async Task Wake()
    {
        foreach (var id in S.Busy) GrainFactory.GetGrain<IDirectiveGrain>(id).Resume().Ignore();
        await TurnDue();
    }

    public Task TreeChanged()
    {
        _treeChanged = S.Schedules.Count > 0;
        return Task.CompletedTask;
    }

    public async Task Check()
    {
        // Work a node left unfinished when it died goes on here (a resumption is idempotent).
        foreach (var id in S.Busy) GrainFactory.GetGrain<IDirectiveGrain>(id).Resume().Ignore();
        await TurnDue();
        if (!_treeChanged) return;
        _treeChanged = false;
        foreach (var id in S.Schedules.Keys) GrainFactory.GetGrain<IDirectiveGrain>(id).Follow().Ignore();
    }

    /// <summary>
    /// Every schedule whose period is not the one holding today joins today's period change
    /// (<see cref="IScheduleTurnGrain"/>), which hands out all their new instances together. Each
    /// answers with <see cref="Seen"/> once it joined (or found nothing due: before from, after
    /// until), so it is asked again only at the next period; one that failed is asked again at the
    /// next check. One-way: joining calls this grain back, which must not wait behind the check.
    /// </summary>
    private Task TurnDue()
    {
        var today = clock.Today;
        string[] due = [.. S.Schedules.Where(p => p.Value.Period != Period.Of(p.Value.Every, today).Name).Select(p => p.Key)];
        if (due.Length > 0)
            GrainFactory.GetGrain<IScheduleTurnGrain>(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Start(due).Ignore();
        return Task.CompletedTask;
    }

    public async Task Seen(string id, string period)
    {
        if (!S.Schedules.TryGetValue(id, out var mark) || mark.Period == period) return;
        S.Schedules[id] = mark with { Period = period };
        await state.WriteStateAsync();
    }
}
