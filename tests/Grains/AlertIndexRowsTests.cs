using Cascade.Alerts;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace Cascade.Tests.Grains;

/// <summary>
/// What the open-alert index keeps across activations (decision 010): its rows, a partition's whole
/// state written before rows, and the escalated copies kept in unit states before the index.
/// </summary>
public sealed class AlertIndexRowsTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private IGrainStorage Storage => cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
    private IAlertIndexStore Store => cluster.SiloServices.GetRequiredService<IAlertIndexStore>();

    private static Alert On(string unit, int n, string? escalatedTo = null) =>
        new($"{unit}.{n}", "taskBlocked", AlertSeverity.Amber, unit, $"t{n}", AlertState.Firing, null, GrainCluster.Start, GrainCluster.Start,
            EscalationLevel: escalatedTo is null ? 0 : 1, EscalatedToUnitId: escalatedTo);

    /// <summary>Deactivates one grain only (its units stay active, so none of them announces itself again).</summary>
    private static Task Deactivate(IAddressable grain) => grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask();

    private async Task<Alert> Blocked(string unit)
    {
        Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("blocked") with { Status = TaskItemStatus.Blocked }, "tester")).Succeeded);
        Alert? alert = null;
        await Eventually.True(async () => (alert = (await cluster.Unit(unit).GetAlerts(false)).FirstOrDefault(a => a.Rule == "taskBlocked")) is not null, "fired");
        return alert!;
    }

    [Fact]
    public async Task A_partition_deactivated_while_its_units_stay_active_answers_from_its_rows()
    {
        var unit = (await cluster.Chain("rows-kept", 1))[0];
        var alert = await Blocked(unit);
        var partition = AlertIndexPartitions.For(unit);
        // Within a flush interval the unit's row is stored, holding only that unit's alerts.
        await Eventually.True(async () => (await Store.Load(partition)).Any(r => r.UnitId == unit && r.Open.Any(a => a.Id == alert.Id)), "the row stored");
        Assert.All((await Store.Load(partition)).Single(r => r.UnitId == unit).Open, a => Assert.Equal(unit, a.UnitId));

        await Deactivate(AlertIndexPartitions.Of(cluster.Grains, unit));
        Assert.Contains(await AlertIndexPartitions.Subtree(cluster.Grains, unit), a => a.Id == alert.Id);

        // Resolved: the row follows (holding the unit's open alerts as it holds them, or gone with
        // none), and a partition activated again answers exactly those.
        Assert.True((await cluster.Unit(unit).PatchTask("blocked", new TaskPatch { Status = TaskItemStatus.Done }, null, "tester")).Succeeded);
        string[] open = [];
        await Eventually.True(async () =>
        {
            open = [.. (await cluster.Unit(unit).GetAlerts(false)).Select(a => a.Id).Order()];
            var row = (await Store.Load(partition)).SingleOrDefault(r => r.UnitId == unit);
            return !open.Contains(alert.Id) && (row?.Open.Select(a => a.Id) ?? []).Order().SequenceEqual(open);
        }, "the row follows the resolution");
        await Deactivate(AlertIndexPartitions.Of(cluster.Grains, unit));
        Assert.Equal(open, (await AlertIndexPartitions.Subtree(cluster.Grains, unit)).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task A_partitions_whole_state_written_before_rows_is_read_once_moved_to_rows_and_cleared()
    {
        var partition = AlertIndexPartitions.For("legacy-leaf");
        var grain = cluster.Grains.GetGrain<IAlertIndexGrain>(partition);
        var old = new AlertIndexState();
        foreach (var alert in new[] { On("legacy-leaf", 1, "legacy-top"), On("legacy-leaf", 2, "legacy-top") }) old.Open[alert.Id] = alert;
        old.Versions["legacy-leaf"] = 42;
        await Storage.WriteStateAsync("alert-index", grain.GetGrainId(), new GrainState<AlertIndexState>(old));
        await Deactivate(grain); // so that the next call reads what is stored

        Assert.Equal(["legacy-leaf.1", "legacy-leaf.2"], (await grain.EscalatedTo(["legacy-top"])).Select(a => a.Id).Order());
        var row = Assert.Single(await Store.Load(partition), r => r.UnitId == "legacy-leaf");
        Assert.Equal(42, row.Version);
        Assert.Equal(2, row.Open.Count);
        var stored = new GrainState<AlertIndexState>();
        await Storage.ReadStateAsync("alert-index", grain.GetGrainId(), stored);
        Assert.False(stored.RecordExists, "the whole state is cleared once moved");

        // Activated again, it answers from its rows alone; a late announcement of the unit (older than 42) changes nothing.
        await Deactivate(grain);
        await grain.Changed("legacy-leaf", 41, [On("legacy-leaf", 1) with { State = AlertState.Resolved }]);
        Assert.Equal(2, (await grain.EscalatedTo(["legacy-top"])).Count);
    }

    [Fact]
    public async Task A_unit_state_written_before_the_index_hands_its_escalated_copies_to_the_index_and_drops_them()
    {
        var chain = await cluster.Chain("copies", 2); // root > copies-1 > copies-2
        var (top, leaf) = (chain[0], chain[1]);
        var alert = await Blocked(leaf);
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, leaf)).Any(a => a.Id == alert.Id), "indexed");
        // The index forgets the leaf's alert (as an index that never heard of it), and the top's
        // stored state gets a copy of it, as states written before the index kept them.
        await AlertIndexPartitions.Of(cluster.Grains, leaf).Sync(leaf, long.MaxValue - 1, []);
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, leaf)).Count == 0, "forgotten");
        // A partition remembers, in memory, the version a unit cleared at: started anew it has only its rows.
        await Deactivate(AlertIndexPartitions.Of(cluster.Grains, leaf));
        var topId = GrainId.Create("unit", top);
        await Eventually.True(async () =>
        {
            await Deactivate(cluster.Unit(top));
            var state = new GrainState<UnitState>();
            await Storage.ReadStateAsync("unit", topId, state);
            state.State!.Alerts.EscalatedHere[alert.Id] = alert with { EscalationLevel = 1, EscalatedToUnitId = top };
            try { await Storage.WriteStateAsync("unit", topId, state); }
            catch (InconsistentStateException) { return false; } // the top wrote meanwhile (a report from below): again
            return true;
        }, "the copy planted");
        // An activation that was still running wrote nothing since (or its write failed and it left).
        await Deactivate(cluster.Unit(top));
        await cluster.Unit(top).GetAlerts(false); // activates it from the planted state

        // The index holds the leaf's alert as the leaf holds it, and the copy has left the top's stored state.
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, leaf)).Any(a => a.Id == alert.Id), "moved into the index");
        await Eventually.True(async () =>
        {
            var read = new GrainState<UnitState>();
            await Storage.ReadStateAsync("unit", topId, read);
            return read.State!.Alerts.EscalatedHere.Count == 0;
        }, "the copies dropped from the stored state");
    }
}
