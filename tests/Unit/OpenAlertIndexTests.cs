using Cascade.Alerts;

namespace Cascade.Tests.Unit;

/// <summary>One partition of the open-alert index (decision 010): changes, whole lists, late messages, the questions it answers.</summary>
public sealed class OpenAlertIndexTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 10, 16, 0, 0, TimeSpan.Zero);
    private readonly AlertIndexState _state = new();
    private OpenAlertIndex Index => new(() => _state);

    private static Alert On(string unit, int n, string? escalatedTo = null, AlertState state = AlertState.Firing) =>
        new($"{unit}.{n}", "taskOverdue", AlertSeverity.Red, unit, $"t{n}", state, null, At, At,
            EscalationLevel: escalatedTo is null ? 0 : 1, EscalatedToUnitId: escalatedTo);

    [Fact]
    public void Open_alerts_are_held_as_announced_and_a_resolved_one_leaves()
    {
        Assert.True(Index.Apply("leaf", 1, [On("leaf", 1), On("leaf", 2)]));
        Assert.False(Index.Apply("leaf", 1, [On("leaf", 1)])); // the same again changes nothing
        Assert.True(Index.Apply("leaf", 2, [On("leaf", 1, "mid")]));
        Assert.Equal(["leaf.1"], Index.EscalatedTo(["mid"]).Select(a => a.Id));
        Assert.True(Index.Apply("leaf", 3, [On("leaf", 2, state: AlertState.Resolved)]));
        Assert.Equal(["leaf.1"], Index.Of(["leaf"]).Select(a => a.Id));
        Assert.True(Index.Apply("leaf", 4, [On("leaf", 1, "mid", AlertState.Resolved)]));
        Assert.Equal(0, Index.Count);
        Assert.Empty(Index.Units()); // a unit without open alerts is forgotten
    }

    [Fact]
    public void A_late_message_changes_nothing_and_an_alert_of_another_unit_is_not_taken()
    {
        Index.Apply("leaf", 5, [On("leaf", 1, state: AlertState.Acknowledged)]);
        Assert.False(Index.Apply("leaf", 4, [On("leaf", 1)]));
        Assert.Equal(AlertState.Acknowledged, Index.Of(["leaf"]).Single().State);
        Assert.False(Index.Apply("leaf", 6, [On("other", 1)]));
        Assert.Empty(Index.Of(["other"]));
    }

    [Fact]
    public void A_message_older_than_a_units_clearing_does_not_bring_its_alerts_back()
    {
        var index = Index; // one instance: the clearing is remembered in memory, not in the state
        index.Apply("leaf", 1, [On("leaf", 1)]);
        Assert.True(index.Apply("leaf", 3, [On("leaf", 1, state: AlertState.Resolved)]));
        Assert.Empty(index.Units()); // no row for a unit without open alerts
        // Messages sent before the clearing that arrive after it (one-way messages are not ordered).
        Assert.False(index.Apply("leaf", 2, [On("leaf", 1)]));
        Assert.False(index.Sync("leaf", 2, [On("leaf", 1), On("leaf", 2)]));
        Assert.False(index.Sync("leaf", 0, [On("leaf", 1)])); // a copy read by another unit: the unit announced itself
        Assert.Empty(index.Of(["leaf"]));
        Assert.Equal(0, index.Count);
        // Newer ones still apply, and the unit is held again with the newest version.
        Assert.True(index.Apply("leaf", 4, [On("leaf", 2)]));
        Assert.Equal(["leaf.2"], index.Of(["leaf"]).Select(a => a.Id));
        Assert.Equal(4, index.Row("leaf")!.Version);
        Assert.False(index.Apply("leaf", 3, [On("leaf", 2, state: AlertState.Resolved)]));
    }

    [Fact]
    public void A_clearing_is_remembered_for_ten_minutes_of_versions_once_many_are_held()
    {
        var index = Index;
        const long minute = 60 * 1_000_000L;
        index.Apply("early", 1 * minute, [On("early", 1)]);
        index.Apply("early", 2 * minute, [On("early", 1, state: AlertState.Resolved)]);
        for (var i = 0; i < 1100; i++) // many clearings, the last ones 13 minutes after early's
        {
            index.Apply($"u{i}", 14 * minute + i, [On($"u{i}", 1)]);
            index.Apply($"u{i}", 15 * minute + i, [On($"u{i}", 1, state: AlertState.Resolved)]);
        }
        Assert.True(index.Apply("early", 1 * minute + 1, [On("early", 1)])); // early's clearing is no longer remembered
        Assert.False(index.Apply("u5", 14 * minute, [On("u5", 1)])); // a recent one still is
    }

    [Fact]
    public void A_whole_list_repairs_a_lost_message_both_ways()
    {
        Index.Apply("leaf", 1, [On("leaf", 1), On("leaf", 2)]);
        Index.Apply("next", 1, [On("next", 1)]);
        // leaf.2's resolution and leaf.3's firing were lost: the unit's whole list at activation repairs both.
        Assert.True(Index.Sync("leaf", 3, [On("leaf", 1), On("leaf", 3)]));
        Assert.Equal(["leaf.1", "leaf.3"], Index.Of(["leaf"]).Select(a => a.Id).Order());
        Assert.Equal(["next.1"], Index.Of(["next"]).Select(a => a.Id));
        Assert.False(Index.Sync("quiet", 9, [])); // a unit without alerts costs nothing
        Assert.True(Index.Sync("leaf", 4, []));
        Assert.Equal(["next"], Index.Units());
    }

    [Fact]
    public void A_units_row_holds_its_open_alerts_and_version_and_a_stored_row_is_taken_unless_newer_is_held()
    {
        var index = Index; // one instance: its per-unit ids follow every change
        index.Apply("leaf", 3, [On("leaf", 1), On("leaf", 2)]);
        index.Apply("next", 1, [On("next", 1)]);
        var row = index.Row("leaf")!;
        Assert.Equal(("leaf", 3L), (row.UnitId, row.Version));
        Assert.Equal(["leaf.1", "leaf.2"], row.Open.Select(a => a.Id).Order());
        index.Apply("leaf", 4, [On("leaf", 1, state: AlertState.Resolved)]);
        Assert.Equal(["leaf.2"], index.Row("leaf")!.Open.Select(a => a.Id));
        index.Sync("leaf", 5, []);
        Assert.Null(index.Row("leaf")); // no open alerts: no row
        Assert.Null(index.Row("never"));

        // Rows read back at activation: taken for a unit not held, ignored for one held already.
        Assert.True(index.Adopt(new AlertIndexRow("old", 7, [On("old", 1, "mid")])));
        Assert.False(index.Adopt(new AlertIndexRow("next", 0, [On("next", 9)])));
        Assert.Equal(["old.1"], index.EscalatedTo(["mid"]).Select(a => a.Id));
        Assert.Equal(["next.1"], index.Of(["next"]).Select(a => a.Id));
        Assert.False(index.Apply("old", 6, [On("old", 1, state: AlertState.Resolved)])); // older than the row
        Assert.Equal(7, index.Row("old")!.Version);
    }
}
