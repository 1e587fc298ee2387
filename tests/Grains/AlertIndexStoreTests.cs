using Cascade.Alerts;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Tests.Grains;

/// <summary>The open-alert index's rows on their own (decision 010): every store must pass.</summary>
public abstract class AlertIndexStoreTests(IAlertIndexStore store)
{
    protected static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static Alert On(string unit, int n, AlertState state = AlertState.Firing, string? message = null) =>
        new($"{unit}.{n}", "taskOverdue", AlertSeverity.Red, unit, $"t{n}", state, message, GrainCluster.Start, GrainCluster.Start,
            EscalationLevel: 1, EscalatedToUnitId: "top", AcknowledgedByName: state == AlertState.Acknowledged ? "书记" : null);

    private static AlertIndexRow Row(string unit, long version, params Alert[] open) => new(unit, version, open);

    private static string Show(AlertIndexRow row) => $"{row.UnitId}@{row.Version}:{string.Join(",", row.Open.Select(a => $"{a.Id}/{a.State}/{a.AcknowledgedByName}/{a.Message?.Length}"))}";

    private async Task<List<string>> Rows(int partition) => [.. (await store.Load(partition)).Select(Show).Order()];

    [Fact]
    public async Task Rows_read_back_as_saved_replaced_and_deleted_each_partition_apart()
    {
        await store.Save(3, [Row("a", 1, On("a", 1), On("a", 2)), Row("b", 2, On("b", 1))], []);
        await store.Save(4, [Row("a", 9, On("a", 9))], []);
        Assert.Equal(["a@1:a.1/Firing//,a.2/Firing//", "b@2:b.1/Firing//"], await Rows(3));

        // A's row replaced, b's deleted, and a row never stored deleted too: harmless.
        await store.Save(3, [Row("a", 3, On("a", 1, AlertState.Acknowledged))], ["b", "never-stored"]);
        Assert.Equal(["a@3:a.1/Acknowledged/书记/"], await Rows(3));
        Assert.Equal(["a@9:a.9/Firing//"], await Rows(4));

        // The same flush again changes nothing; the last row deleted leaves the partition empty.
        await store.Save(3, [Row("a", 3, On("a", 1, AlertState.Acknowledged))], ["b"]);
        Assert.Equal(["a@3:a.1/Acknowledged/书记/"], await Rows(3));
        await store.Save(3, [], ["a"]);
        Assert.Empty(await Rows(3));
        Assert.Empty(await Rows(5));
    }

    [Fact]
    public async Task A_flush_larger_than_one_batch_and_a_row_larger_than_one_property_read_back()
    {
        // 250 units (three entity-group batches in Azure), and one unit whose 600 alerts with
        // incompressible messages serialize to several hundred kilobytes (several properties).
        var rows = Enumerable.Range(0, 250).Select(i => Row($"u{i:D3}", i, On($"u{i:D3}", 1))).ToList();
        var noise = new Random(16);
        string Noise() => string.Concat(Enumerable.Range(0, 300).Select(_ => (char)noise.Next(0x4E00, 0x9FA5)));
        var big = Row("big", 7, [.. Enumerable.Range(0, 600).Select(n => On("big", n, message: Noise()))]);
        await store.Save(8, [.. rows, big], []);
        var read = await store.Load(8);
        Assert.Equal(251, read.Count);
        var bigRead = Assert.Single(read, r => r.UnitId == "big");
        Assert.Equal(big.Open, bigRead.Open);
        Assert.Equal([.. rows.Select(Show).Append(Show(big)).Order()], read.Select(Show).Order());

        // 150 deleted and one replaced, with a delete of a row not stored in the middle.
        await store.Save(8, [Row("u000", 99)], [.. rows.Skip(1).Take(75).Select(r => r.UnitId), "gone", .. rows.Skip(76).Take(75).Select(r => r.UnitId)]);
        read = await store.Load(8);
        Assert.Equal(101, read.Count);
        Assert.Equal(99, Assert.Single(read, r => r.UnitId == "u000").Version);
        Assert.DoesNotContain(read, r => r.UnitId == "u075");
        Assert.Contains(read, r => r.UnitId == "u249");
    }
}
