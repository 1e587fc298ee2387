using System.Net;
using Cascade.Tasks;
using Cascade.Tests.Web;
using Cascade.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Excel;

/// <summary>
/// <c>POST /api/v1/import?dryRun=false</c> when a task changes between the check and its unit's
/// apply: the row is a conflict, the other rows apply, and the answer is 409 naming both. The
/// change is made by a grain call filter just before the job asks the unit to apply.
/// </summary>
public sealed class ImportConflictApiTests(ImportConflictApiTests.App app) : IClassFixture<ImportConflictApiTests.App>
{
    public sealed class App : ApiApp
    {
        public ChangeBeforeApply Filter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IOutgoingGrainCallFilter>(Filter));
        }
    }

    /// <summary>When armed, changes a task of the unit an import job is about to apply to, once.</summary>
    public sealed class ChangeBeforeApply : IOutgoingGrainCallFilter
    {
        public (string Unit, string Task)? Armed { get; set; }
        public IGrainFactory? Grains { get; set; }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(IUnitImport.ApplyImport) && Armed is var (unit, task)
                && context.TargetId.Key.ToString() == unit)
            {
                Armed = null;
                await Grains!.GetGrain<IUnitGrain>(unit).PatchTask(task, new TaskPatch { Progress = 55 }, null, "someone-else");
            }
            await context.Invoke();
        }
    }

    [Fact]
    public async Task A_task_changed_between_the_check_and_the_apply_is_a_409_conflict_and_the_other_rows_apply()
    {
        var admin = await app.Client();
        var unit = Api.Id("cf");
        await admin.CreateUnit(unit, name: "党支部");
        await admin.CreateTask(unit, "moving");
        await admin.CreateTask(unit, "still");
        var rows = (await Cascade.Tests.Support.Workbooks.Sheet(await admin.GetAsync($"/api/v1/units/{unit}/tasks.xlsx")))
            .Select(r => r.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)).ToList();
        foreach (var row in rows) row["任务名称"] = $"{row["任务编号"]} 改名";
        var added = ImportBooks.NewRow(unit, "added", "新增的任务");
        added["单位"] = "";
        rows.Add(added);

        app.Filter.Grains = app.Services.GetRequiredService<IGrainFactory>();
        app.Filter.Armed = (unit, "moving");
        var report = await (await admin.Import(ImportBooks.Of(rows), dryRun: false)).Expect(HttpStatusCode.Conflict);
        var moving = rows.FindIndex(r => (string?)r["任务编号"] == "moving") + 2;
        var conflict = Assert.Single(report.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(moving, conflict.GetProperty("row").GetInt32());
        Assert.Contains("已被修改", conflict.GetProperty("message").GetString());
        Assert.Equal(Enumerable.Range(2, 3).Where(r => r != moving), report.GetProperty("applied").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal((1, 1), (report.GetProperty("create").GetInt32(), report.GetProperty("update").GetInt32()));

        var tasks = (await (await admin.GetAsync(Api.Tasks(unit))).Expect(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => (t.GetProperty("title").GetString(), t.GetProperty("progress").GetInt32()));
        Assert.Equal(("Task moving", 55), tasks["moving"]); // the other writer's change stands; the import's title did not land
        Assert.Equal(("still 改名", 0), tasks["still"]);
        Assert.Equal(("新增的任务", 0), tasks["added"]);
    }
}
