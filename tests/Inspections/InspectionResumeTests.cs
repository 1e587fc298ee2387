using Cascade.Inspections;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Cascade.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Inspections;

/// <summary>
/// A capture cut short goes on from its last stored batch: the store fails the second append (as
/// a crash after the first batch would leave it), the capture's next pass restores the stored rows
/// and asks only the units without one, and the frozen tree still adds up.
/// </summary>
public sealed class InspectionResumeTests(InspectionResumeTests.App app) : IClassFixture<InspectionResumeTests.App>
{
    public sealed class App : ApiApp
    {
        public FailingOnce? Store { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInspectionStore>(sp => Store = new FailingOnce(
                new SqliteInspectionStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<FrozenCodec>()))));
        }
    }

    /// <summary>The SQLite store, whose second append fails before storing anything; it records what each append stored.</summary>
    public sealed class FailingOnce(IInspectionStore inner) : IInspectionStore
    {
        private int _appends;
        public LockedList<string[]> Stored { get; } = new();

        public Task AddHeader(InspectionHeader header) => inner.AddHeader(header);

        public async Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows)
        {
            if (Interlocked.Increment(ref _appends) == 2) throw new IOException("The disk went away for a moment.");
            await inner.Append(inspectionId, rows);
            Stored.Add([.. rows.Select(r => r.Unit.UnitId)]);
        }

        public Task Seal(string inspectionId, DateTimeOffset capturedAt) => inner.Seal(inspectionId, capturedAt);
        public Task<InspectionHeader?> Header(string inspectionId) => inner.Header(inspectionId);
        public Task<IReadOnlyList<InspectionHeader>> Headers() => inner.Headers();
        public Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth) => inner.Rows(inspectionId, from, to, maxDepth);
        public Task<FrozenUnit?> Row(string inspectionId, string unitId) => inner.Row(inspectionId, unitId);
        public Task<UnitSnapshot?> Work(string inspectionId, string unitId) => inner.Work(inspectionId, unitId);
    }

    [Fact]
    public async Task A_capture_whose_append_failed_resumes_after_the_stored_batch_and_adds_up()
    {
        var client = await app.Client();
        var committee = Api.Id("jgdw");
        var drafts = new List<UnitDraft> { new(committee, ApiApp.Root, "机关党委", UnitKind.OrganCommittee) };
        for (var i = 0; i < InspectionGrain.Batch + 100; i++) drafts.Add(new($"{committee}-{i}", committee, $"第{i}党支部", UnitKind.Branch));
        var organization = app.Grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        Assert.True((await organization.ImportUnits(drafts, "admin")).Succeeded);
        foreach (var unit in drafts.Where((_, i) => i % 7 == 0))
            await app.Grains.GetGrain<IUnitGrain>(unit.Id).ImportTasks(
                [new TaskDraft { Id = "t1", Title = "主题党日", Track = Track.Party, Start = new DateOnly(2026, 1, 1), Due = new DateOnly(2026, 12, 31), Progress = 40 }], "admin");

        var id = Api.Id("dc");
        await Inspect.Capture(client, id, committee);

        // Two batches stored: the first before the failure, then the rest; no unit stored twice.
        var stored = app.Store!.Stored.Snapshot();
        Assert.Equal(2, stored.Count);
        Assert.Equal(InspectionGrain.Batch, stored[0].Length);
        Assert.Equal(drafts.Count, stored.Sum(s => s.Length));
        Assert.Empty(stored[0].Intersect(stored[1]));

        var reader = Inspect.Reader(app);
        var rows = await reader.Subtree(id, committee, 10);
        Assert.Equal(drafts.Count, rows.Count);
        var work = new Dictionary<string, List<TaskItem>>();
        foreach (var row in rows) work[row.UnitId] = [.. (await reader.Work(id, row.UnitId))!.Tasks];
        var header = (await reader.Header(id))!;
        var expected = ReferenceRollup.Compute(rows.ToDictionary(r => r.UnitId, r => r.UnitId == committee ? null : r.ParentId), work, header.TakenAt, TimeSpan.FromDays(30));
        var differences = rows.SelectMany(r => ReferenceRollup.Differences(expected[r.UnitId], r.SummaryAt(header.TakenAt))).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
