using Cascade.Imports;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Cascade.Tests.Excel;

/// <summary>
/// The import job at the grain level (docs/api.md "Import"): a job that crashed half way resumes
/// from the start-up pass's wake and applies every row exactly once; a task changed between the
/// check and its unit's apply is a conflict while the unit's other rows apply.
/// </summary>
public sealed class ImportJobTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private const string By = "importer";

    private IUnitImport Import(string unit) => cluster.Grains.GetGrain<IUnitImport>(unit);

    /// <summary>Two rows for a unit holding task t: a new title for t (version 1) and a new task n, checked.</summary>
    private async Task<ImportBatch> Checked(string unit)
    {
        Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("t"), "tester")).Succeeded);
        ImportRow[] rows =
        [
            new() { Row = 2, TaskId = "t", Version = 1, Fields = new TaskPatch { Title = $"{unit} 改名" } },
            new() { Row = 3, TaskId = "n", Fields = new TaskPatch { Title = "新任务", Track = Track.Business, Start = new(2026, 7, 1), Due = new(2026, 9, 30) } },
        ];
        var outcomes = (await Import(unit).CheckImport(rows, By))!;
        Assert.Equal([ImportVerdict.Update, ImportVerdict.Create], outcomes.Select(o => o.Verdict));
        return new ImportBatch(unit, [.. outcomes.Select(o => o.Checked!)]);
    }

    private static async Task<IReadOnlyList<ImportOutcome>> Finished(IImportJobGrain job)
    {
        IReadOnlyList<ImportOutcome>? outcomes = null;
        await Eventually.True(async () => (outcomes = await job.Outcome()) is not null, "the job finished");
        return outcomes!;
    }

    [Fact]
    public async Task A_job_stopped_half_way_finishes_after_a_wake_with_every_row_applied_once()
    {
        var units = await cluster.Chain("import-resume", 4);
        var batches = new List<ImportBatch>();
        foreach (var unit in units) batches.Add(await Checked(unit));

        // The crash: the rows stored in two chunks (units 0-1 and 2-3), the first applied and recorded,
        // the second's first unit applied but not yet recorded, its last unit not started.
        var id = Guid.NewGuid().ToString("N");
        await cluster.Grains.GetGrain<IImportChunkGrain>(IImportChunkGrain.Key(id, 0)).Store(batches[..2]);
        await cluster.Grains.GetGrain<IImportChunkGrain>(IImportChunkGrain.Key(id, 1)).Store(batches[2..]);
        foreach (var batch in batches[..3]) await Import(batch.UnitId).ApplyImport(batch.Rows, By, "导入人");
        var grain = cluster.Grains.GetGrain<IImportJobGrain>(id);
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("import-job", grain.GetGrainId(), new GrainState<ImportJobState>(new ImportJobState
        {
            Chunks = 2, ChunksDone = 1, By = By, ByName = "导入人", Created = [3, 3], Updated = [2, 2],
        }));
        var jobs = cluster.Grains.GetGrain<IImportJobsGrain>(IImportJobsGrain.Key);
        await jobs.Started(id);

        // The start-up pass wakes the register, which resumes the job (one-way calls): the last unit gets its rows.
        Assert.True(await jobs.Wake() >= 1);
        await Eventually.True(async () => (await cluster.Unit(units[3]).GetTask("n")).Succeeded, "the resumed job reached the last unit");
        await Eventually.True(async () => await jobs.Wake() == 0, "the job left the register of unfinished jobs");
        var outcomes = (await grain.Outcome())!; // finished: answers what it did
        Assert.Equal(8, outcomes.Count);
        Assert.DoesNotContain(outcomes, o => o.Verdict == ImportVerdict.Conflict);
        foreach (var unit in units)
        {
            var tasks = (await cluster.Unit(unit).GetTasks())!;
            Assert.Equal(["n", "t"], tasks.Select(t => t.Id).Order());
            var t = tasks.Single(t => t.Id == "t");
            Assert.Equal(($"{unit} 改名", 2L, By), (t.Title, t.Version, t.UpdatedBy)); // applied once: version 2, not 3
            Assert.Equal(1L, tasks.Single(t => t.Id == "n").Version);
        }
        await grain.Start(new ImportJob(batches, By, "导入人")); // started again: the stored job is finished, nothing is applied again
        Assert.Equal(8, (await Finished(grain)).Count);
        Assert.Equal(2L, (await cluster.Unit(units[3]).GetTask("t")).Value!.Version);
    }

    [Fact]
    public async Task A_task_changed_after_the_check_is_a_conflict_and_the_other_rows_apply()
    {
        var unit = (await cluster.Chain("import-conflict", 1))[0];
        var batch = await Checked(unit);
        Assert.True((await cluster.Unit(unit).PatchTask("t", new TaskPatch { Progress = 40 }, null, "someone-else")).Succeeded);

        var grain = cluster.Grains.GetGrain<IImportJobGrain>(Guid.NewGuid().ToString("N"));
        await grain.Start(new ImportJob([batch], By, null));
        var outcomes = await Finished(grain);
        Assert.Equal([(2, ImportVerdict.Conflict), (3, ImportVerdict.Create)], outcomes.Select(o => (o.Row, o.Verdict)));
        Assert.Contains("已被修改", outcomes[0].Message);
        var t = (await cluster.Unit(unit).GetTask("t")).Value!;
        Assert.Equal((40, "t", 2L), (t.Progress, t.Title, t.Version)); // the other writer's change stands, the import's title did not land
        Assert.True((await cluster.Unit(unit).GetTask("n")).Succeeded);
    }

    [Fact]
    public void Rows_are_stored_in_chunks_of_whole_units_of_at_most_4000_rows()
    {
        static ImportBatch Of(string unit, int rows) => new(unit, [.. Enumerable.Range(2, rows).Select(r => new ImportRow { Row = r })]);
        var chunks = ImportJobGrain.Chunked([Of("a", 3000), Of("b", 1500), Of("c", 500), Of("d", 5000), Of("e", 10)]);
        Assert.Equal([["a"], ["b", "c"], ["d"], ["e"]], chunks.Select(c => c.Select(b => b.UnitId).ToArray()).ToArray());
        Assert.Empty(ImportJobGrain.Chunked([]));
    }
}
