using Azure.Core;
using Azure.Core.Pipeline;
using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Inspections;

/// <summary>
/// The inspection store's contract on Azurite, each test under tables of its own; and a batch's
/// transactions: a lost answer (the SDK sends the stored transaction again) stores each row once,
/// and a refused one leaves an unbroken run of the capture's units, which a resumed append completes.
/// </summary>
public sealed class AzureTableInspectionStoreTests(Azurite azurite) : InspectionStoreTests, IClassFixture<Azurite>
{
    private readonly Faults _faults = new();
    private AzureTableInspectionStore? _store;

    protected override IInspectionStore Store => _store ??= new AzureTableInspectionStore(
        new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = Azurite.NewPrefix() }))
        {
            Interceptor = _faults,
        }, Codec);

    /// <summary>Once armed, lets <see cref="Pass"/> transactions through, then acts on the next: stores it and loses its answer, or refuses it.</summary>
    private sealed class Faults : HttpPipelinePolicy
    {
        public volatile string? Armed;
        public int Pass;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var batch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
            var fault = batch && Armed is not null && Interlocked.Decrement(ref Pass) < 0 ? Interlocked.Exchange(ref Armed, null) : null;
            if (fault == "refuse") throw new InvalidOperationException("The transaction was refused.");
            await ProcessNextAsync(message, pipeline);
            if (fault == "lose") throw new IOException("The answer was lost on the way.");
        }
    }

    /// <summary>A committee and 119 branches: 120 units, appended as a capture does (the shape's last first), so three transactions.</summary>
    private static List<(FrozenUnit Unit, UnitSnapshot Work)> Capture()
    {
        var at = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var directory = new List<UnitInfo> { new("p", null, "机关党委", UnitKind.OrganCommittee) };
        directory.AddRange(Enumerable.Range(0, 119).Select(i => new UnitInfo($"b{i:D3}", "p", $"第{i}党支部", UnitKind.Branch)));
        var shape = FrozenShape.Of(directory, "p")!;
        var tree = new FrozenTree(shape, at, TestClock.At(at), new HealthOptions());
        return [.. shape.Reverse().Select(s => Work(s.Unit.Id, 2)).Select(w => (tree.Add(w), w))];
    }

    [Fact]
    public async Task A_transaction_whose_answer_was_lost_is_stored_once()
    {
        var rows = Capture();
        (_faults.Pass, _faults.Armed) = (1, "lose");
        await Store.Append("lost", rows);
        Assert.Null(_faults.Armed);
        var stored = await Store.Rows("lost", 0, 119, 1);
        Assert.Equal(Enumerable.Range(0, 120), stored.Select(r => r.Order));
        Assert.Equal(240, (await Store.Row("lost", "p"))!.Totals.All.Count);
    }

    [Fact]
    public async Task A_refused_transaction_leaves_an_unbroken_run_of_the_last_units_and_a_resumed_append_completes_it()
    {
        var rows = Capture();
        (_faults.Pass, _faults.Armed) = (1, "refuse");
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Append("cut", rows));
        // The second of three transactions refused: the first's 50 units are there, the third's are not.
        Assert.Null(_faults.Armed);
        Assert.Equal(Enumerable.Range(70, 50), (await Store.Rows("cut", 0, 119, 1)).Select(r => r.Order));
        await Store.Append("cut", rows);
        Assert.Equal(Enumerable.Range(0, 120), (await Store.Rows("cut", 0, 119, 1)).Select(r => r.Order));
    }
}
