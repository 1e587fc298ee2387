using Cascade.Alerts;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>The records of raised alerts on their own: every store must pass.</summary>
public abstract class RaisedAlertStoreTests(IRaisedAlertStore store)
{
    private static readonly DateTimeOffset Day = new(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);

    private static RaisedAlert On(string unit, int n, DateTimeOffset fired, string rule = "taskOverdue", string? task = "t1") =>
        new(unit, $"{unit}.{n}", rule, rule == "taskOverdue" ? AlertSeverity.Red : AlertSeverity.Amber, task, fired);

    private async Task<List<string>> Between(DateTimeOffset from, DateTimeOffset to) =>
        [.. (await store.FiredBetween(from, to)).Select(r => $"{r.UnitId}/{r.AlertId}/{r.Rule}/{r.Severity}/{r.TaskId}/{r.FiredAt:O}")];

    [Fact]
    public async Task Records_read_back_by_when_they_fired_across_months_and_a_repeat_changes_nothing()
    {
        await store.Record([On("a", 1, Day), On("a", 2, Day.AddHours(3), "unitBehind", null), On("b", 1, Day.AddDays(40))]);
        // The same record again, even with other fields, is left as first stored; a new one beside it is added.
        await store.Record([On("a", 1, Day, "taskBlocked"), On("b", 2, Day.AddDays(-40))]);

        Assert.Equal([
            $"b/b.2/taskOverdue/Red/t1/{Day.AddDays(-40):O}",
            $"a/a.1/taskOverdue/Red/t1/{Day:O}",
            $"a/a.2/unitBehind/Amber//{Day.AddHours(3):O}",
            $"b/b.1/taskOverdue/Red/t1/{Day.AddDays(40):O}"], await Between(Day.AddYears(-1), Day.AddYears(1)));
        // From inclusive, to exclusive; a range inside one month, and one across a month's end.
        Assert.Equal([$"a/a.1/taskOverdue/Red/t1/{Day:O}"], await Between(Day, Day.AddHours(3)));
        Assert.Equal(2, (await Between(Day.AddMinutes(1), Day.AddDays(41))).Count);
        Assert.Empty(await Between(Day.AddHours(4), Day.AddDays(40)));
    }

    [Fact]
    public async Task Pruning_removes_only_what_fired_before_the_moment()
    {
        await store.Record([On("p", 1, Day.AddDays(-400)), On("p", 2, Day.AddDays(-1)), On("p", 3, Day), On("p", 4, Day.AddDays(1))]);
        Assert.Equal(2, await store.Prune(Day));
        Assert.Equal(["p.3", "p.4"], (await store.FiredBetween(Day.AddYears(-2), Day.AddYears(1))).Select(r => r.AlertId));
        Assert.Equal(0, await store.Prune(Day));
    }
}
