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
        var job = new ImportJob(batches, By, "导入人");

        // The crash: the first unit applied and recorded, the second applied but not yet recorded, the rest not started.
        var first = (await Import(units[0]).ApplyImport(batches[0].Rows, By, "导入人"))!;
        await Import(units[1]).ApplyImport(batches[1].Rows, By, "导入人");
        var id = Guid.NewGuid().ToString("N");
        var grain = cluster.Grains.GetGrain<IImportJobGrain>(id);
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("import-job", grain.GetGrainId(),
            new GrainState<ImportJobState>(new ImportJobState { Job = job, BatchesDone = 1, Outcomes = [.. first] }));
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
        await grain.Start(job); // started again: the stored job is finished, nothing is applied again
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
}
