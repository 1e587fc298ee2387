using System.Net;
using System.Net.Http.Json;
using Cascade.Inspections;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Inspections;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Findings;

/// <summary>
/// Who may record and decide findings, and every bad input with its exact status (docs/api.md
/// "Findings"): nothing 500s, and a refusal creates no task.
/// </summary>
public sealed class FindingRefusalTests(FindingRefusalTests.App app) : IClassFixture<FindingRefusalTests.App>
{
    /// <summary>The product, whose store never takes the rows of an inspection whose id starts with "stuck" (it stays capturing).</summary>
    public sealed class App : ApiApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInspectionStore>(sp => new Stuck(
                new SqliteInspectionStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<FrozenCodec>()))));
        }
    }

    private sealed class Stuck(IInspectionStore inner) : IInspectionStore
    {
        public Task AddHeader(InspectionHeader header) => inner.AddHeader(header);
        public Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows) =>
            inspectionId.StartsWith("stuck", StringComparison.Ordinal) ? throw new IOException("The disk is full.") : inner.Append(inspectionId, rows);
        public Task Seal(string inspectionId, DateTimeOffset capturedAt) => inner.Seal(inspectionId, capturedAt);
        public Task<InspectionHeader?> Header(string inspectionId) => inner.Header(inspectionId);
        public Task<IReadOnlyList<InspectionHeader>> Headers() => inner.Headers();
        public Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth) => inner.Rows(inspectionId, from, to, maxDepth);
        public Task<FrozenUnit?> Row(string inspectionId, string unitId) => inner.Row(inspectionId, unitId);
        public Task<UnitSnapshot?> Work(string inspectionId, string unitId) => inner.Work(inspectionId, unitId);
    }

    private static async Task NoTask(Inspected d, string unitId, string id) =>
        Assert.Equal(HttpStatusCode.NotFound, (await d.Admin.GetAsync(Api.Task(unitId, "f-" + id))).StatusCode);

    [Fact]
    public async Task A_finding_on_the_inspectors_own_unit_or_below_it_is_forbidden()
    {
        var d = await Inspected.Build(app, "own");
        var route = Inspected.Findings(d.Inspection);
        var (own, below) = (Api.Id("f"), Api.Id("f"));
        await (await d.InspectorEditor.PostAsJsonAsync(route, Inspected.Body(own, d.Inspector))).Problem(HttpStatusCode.Forbidden);
        await NoTask(d, d.Inspector, own);
        // An admin naming the inspector unit is held to the same rule.
        await (await d.Admin.PostAsJsonAsync(route, new { id = own, unitId = d.Inspector, text = "自查", due = "2026-09-30", inspectorUnitId = d.Inspector }))
            .Problem(HttpStatusCode.Forbidden);
        // The office's editor edits no inspector unit; the inspected branch's editor neither.
        await (await d.OfficeEditor.PostAsJsonAsync(route, Inspected.Body(below, d.Other))).Problem(HttpStatusCode.Forbidden);
        await (await d.BranchEditor.PostAsJsonAsync(route, Inspected.Body(below, d.Other))).Problem(HttpStatusCode.Forbidden);
        await (await d.Viewer.PostAsJsonAsync(route, Inspected.Body(below, d.Other))).Problem(HttpStatusCode.Forbidden);
        await NoTask(d, d.Other, below);
        // A leader records one with the inspection's first inspector unit.
        var byLeader = await (await d.Leader.PostAsJsonAsync(route, Inspected.Body(below, d.Office))).Expect(HttpStatusCode.Created);
        Assert.Equal(d.Inspector, byLeader.GetProperty("inspectorUnitId").GetString());
    }

    [Fact]
    public async Task The_same_id_and_body_again_answers_the_finding_and_another_body_is_a_conflict()
    {
        var d = await Inspected.Build(app, "rep");
        var id = Api.Id("f");
        var first = await d.Record(id);
        var again = await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Findings(d.Inspection), Inspected.Body(id, d.Branch))).Expect(HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("createdAt").GetString(), again.GetProperty("createdAt").GetString());
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Findings(d.Inspection), Inspected.Body(id, d.Branch, text: "另一条"))).Problem(HttpStatusCode.Conflict);
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Findings(d.Inspection), Inspected.Body(id, d.Other))).Problem(HttpStatusCode.Conflict);
        await NoTask(d, d.Other, id);
        // A directive's id is in the same namespace: f-{id} cannot be both.
        var generated = await (await d.Leader.PostAsJsonAsync(Inspected.Findings(d.Inspection), Inspected.Body(null, d.Other))).Expect(HttpStatusCode.Created);
        Assert.Matches("^[a-z0-9]{10}$", generated.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Admin.GetAsync("/api/v1/directives/f-" + id)).StatusCode);
        await (await d.Admin.PostAsJsonAsync(Api.Tasks(d.Other), new { id = "f-" + id, title = "占用", track = "party", start = "2026-06-01", due = "2026-12-31" }))
            .Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_inspection_still_capturing_is_a_conflict_and_an_unknown_one_not_found()
    {
        var d = await Inspected.Build(app, "cap");
        var stuck = Api.Id("stuck");
        await (await d.Admin.PostAsJsonAsync(Inspect.Route, Inspect.Body(stuck, d.Committee, inspectors: [d.Inspector]))).Expect(HttpStatusCode.Accepted);
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Findings(stuck), Inspected.Body(Api.Id("f"), d.Branch))).Problem(HttpStatusCode.Conflict);
        await (await d.Admin.PostAsJsonAsync(Inspected.Findings("no-such"), Inspected.Body(Api.Id("f"), d.Branch))).Problem(HttpStatusCode.NotFound);
        await (await d.Admin.PostAsJsonAsync(Inspected.Findings("NO SUCH"), Inspected.Body(Api.Id("f"), d.Branch))).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var d = await Inspected.Build(app, "bad");
        var route = Inspected.Findings(d.Inspection);
        async Task Bad(object body, string field) => await (await d.InspectorEditor.PostAsJsonAsync(route, body)).Invalid(field);
        await Bad(new { unitId = d.Branch, text = "", due = "2026-09-30" }, "text");
        await Bad(new { unitId = d.Branch, text = new string('字', 2001), due = "2026-09-30" }, "text");
        await Bad(new { unitId = d.Branch, due = "2026-09-30" }, "text");
        await Bad(new { unitId = d.Branch, text = "记录不全" }, "due");
        await Bad(new { unitId = d.Branch, text = "记录不全", due = "2026-06-14" }, "due");
        await Bad(new { unitId = d.Branch, text = "记录不全", due = "2026-13-01" }, "due");
        await Bad(new { id = "Bad Id", unitId = d.Branch, text = "记录不全", due = "2026-09-30" }, "id");
        await Bad(new { id = new string('a', 63), unitId = d.Branch, text = "记录不全", due = "2026-09-30" }, "id");
        await Bad(new { unitId = d.Branch, text = "记录不全", due = "2026-09-30", track = "sports" }, "track");
        await Bad(new { unitId = d.Branch, text = "记录不全", due = "2026-09-30", weight = 0 }, "weight");
        await Bad(new { text = "记录不全", due = "2026-09-30" }, "unitId");
        await Bad(new { unitId = "no-such", text = "记录不全", due = "2026-09-30" }, "unitId");
        await (await d.Admin.PostAsJsonAsync(route, new { unitId = d.Branch, text = "记录不全", due = "2026-09-30", inspectorUnitId = d.Other })).Invalid("inspectorUnitId");
        // A unit added after the inspection was taken is not in its frozen subtree.
        var later = Api.Id("later");
        await d.Admin.CreateUnit(later, d.Committee);
        await Bad(new { unitId = later, text = "记录不全", due = "2026-09-30" }, "unitId");
        Assert.Equal(HttpStatusCode.BadRequest, (await d.InspectorEditor.PostAsync(route, new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var id = Api.Id("f");
        await d.Record(id);
        await d.Report(id, "done", 100);
        await d.Reaches(id, "awaitingConfirmation");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { progress = 100 })).Invalid("progress");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { progress = -1 })).Invalid("progress");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = new string('注', 2001) })).Invalid("note");
        await (await d.InspectorEditor.PatchAsJsonAsync(Inspected.Finding(id), new { text = "" })).Invalid("text");
        await (await d.InspectorEditor.PatchAsJsonAsync(Inspected.Finding(id), new { due = "2026-01-01" })).Invalid("due");
        Assert.Equal("awaitingConfirmation", (await d.Get(id)).GetProperty("state").GetString());
        foreach (var path in new[] { "/api/v1/findings/no-such", "/api/v1/findings/NO%20SUCH" })
        {
            await (await d.Admin.GetAsync(path)).Problem(HttpStatusCode.NotFound);
            await (await d.Admin.PostAsJsonAsync(path + "/confirm", new { note = "x" })).Problem(HttpStatusCode.NotFound);
            await (await d.Admin.PostAsJsonAsync(path + "/reopen", new { note = "x" })).Problem(HttpStatusCode.NotFound);
            await (await d.Admin.PatchAsJsonAsync(path, new { text = "x" })).Problem(HttpStatusCode.NotFound);
            await (await d.Admin.DeleteAsync(path)).Problem(HttpStatusCode.NotFound);
        }
        await (await d.Admin.GetAsync("/api/v1/findings?state=done")).Invalid("state");
        await (await d.Admin.GetAsync("/api/v1/findings?unit=no-such")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_unit_that_raised_it_leaders_and_admins_change_or_withdraw_a_finding()
    {
        var d = await Inspected.Build(app, "who");
        var id = Api.Id("f");
        await d.Record(id);
        foreach (var client in new[] { d.BranchEditor, d.OfficeEditor, d.Viewer })
        {
            await (await client.PatchAsJsonAsync(Inspected.Finding(id), new { text = "改" })).Problem(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync(Inspected.Finding(id))).Problem(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "x" })).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal("组织生活会会前谈心谈话记录不全", (await d.Task(id)).GetProperty("title").GetString());
        // Every signed-in person reads it.
        await (await d.Viewer.GetAsync(Inspected.Finding(id))).Expect(HttpStatusCode.OK);
        await (await d.BranchEditor.GetAsync($"/api/v1/findings?unit={d.Branch}")).Expect(HttpStatusCode.OK);
    }
}
