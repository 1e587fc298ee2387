using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Cascade.Tests.Excel;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>The matrix's rows (the test and its rules are in the other part).</summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// The matrix: one row per call, named by the route it exercises as the route table names it
    /// ("METHOD /pattern"). <see cref="Every_mapped_route_has_a_row_in_the_matrix"/> holds every route to a row.
    /// </summary>
    private static (string Name, string Route, Rule Rule, Func<Task<string>> Prepare, Func<HttpClient, string, Task<HttpResponseMessage>> Call)[] Matrix(
        HttpClient admin, string a, Func<string, Task<string>> user, Func<string, Task<string>> kiosk)
    {
        var User = user;
        var Kiosk = kiosk;
        // A fresh unit below a (a directive's targets lie strictly below its issuer).
        async Task<string> Below()
        {
            var id = Api.Id("below");
            await (await admin.PostAsJsonAsync(Api.Units, new { id, parentId = a, name = "党小组", kind = "branch" })).Expect(HttpStatusCode.Created);
            return id;
        }
        // A directive of a to a fresh unit below it: "{directive}|{target}".
        async Task<string> Directive()
        {
            var (id, target) = (Api.Id("d"), await Below());
            await (await admin.PostAsJsonAsync("/api/v1/directives", new { id, issuerUnitId = a, title = "交办", track = "party", start = "2026-01-01", due = "2026-12-31", targets = new { unitIds = new[] { target } } }))
                .Expect(HttpStatusCode.Created);
            return $"{id}|{target}";
        }
        // A monthly schedule of a to a fresh unit below it: "{schedule}|{target}".
        async Task<string> Schedule()
        {
            var (id, target) = (Api.Id("s"), await Below());
            await (await admin.PostAsJsonAsync("/api/v1/schedules", new { id, issuerUnitId = a, title = "主题党日", track = "party", every = "month", targets = new { unitIds = new[] { target } } }))
                .Expect(HttpStatusCode.Created);
            return $"{id}|{target}";
        }
        // A captured inspection of a.
        async Task<string> Inspection() => (await Cascade.Tests.Inspections.Inspect.Capture(admin, Api.Id("dc"), a)).GetProperty("id").GetString()!;
        // One captured inspection of the root for findings, whose inspector is a's sibling b (a's editor is then the inspected unit's).
        string? findingInspection = null;
        async Task<string> FindingInspection()
        {
            if (findingInspection is not null) return findingInspection;
            var parent = (await (await admin.GetAsync($"{Api.Units}/{a}")).Expect(HttpStatusCode.OK)).GetProperty("parentId").GetString();
            var b = (await (await admin.GetAsync($"{Api.Units}?parent={parent}")).Expect(HttpStatusCode.OK)).EnumerateArray()
                .Select(u => u.GetProperty("id").GetString()!).First(id => id != a && id.StartsWith("b-", StringComparison.Ordinal));
            var id = Api.Id("dc");
            await (await admin.PostAsJsonAsync(Cascade.Tests.Inspections.Inspect.Route, Cascade.Tests.Inspections.Inspect.Body(id, ApiApp.Root, inspectors: [b])))
                .Expect(HttpStatusCode.Accepted);
            await Cascade.Tests.Findings.Inspected.Captured(admin, id);
            return findingInspection = id;
        }
        // A finding of b on a (its task f-{id} in a); with done, its task reported done and the finding awaiting confirmation.
        async Task<string> Finding(bool done)
        {
            var id = Api.Id("zg");
            await (await admin.PostAsJsonAsync($"/api/v1/inspections/{await FindingInspection()}/findings", new { id, unitId = a, text = "记录不全", due = "2026-09-30" }))
                .Expect(HttpStatusCode.Created);
            if (!done) return id;
            await (await admin.PatchAsJsonAsync(Api.Task(a, "f-" + id), new { status = "done", progress = 100 })).Expect(HttpStatusCode.OK);
            await Eventually.True(async () => (await (await admin.GetAsync($"/api/v1/findings/{id}")).Expect(HttpStatusCode.OK))
                .GetProperty("state").GetString() == "awaitingConfirmation", $"finding {id} awaits confirmation");
            return id;
        }
        // A silence of a, placed by the admin, active for three days: "{id}".
        async Task<string> Silence() =>
            (await (await admin.PostAsJsonAsync("/api/v1/silences", new { unitId = a, subtree = false, until = GrainCluster.Start.AddDays(3).ToString("O"), reason = "调研" }))
                .Expect(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        static string D(string prepared) => prepared.Split('|')[0];
        // Prepare makes what a call needs, fresh, before the state is read: an allowed call then
        // never spoils the next caller's, and a refused one must leave everything as it was.
        return
        [
            ("GET units", "GET /api/v1/units", Rule.Read, Nothing, (c, _) => c.GetAsync(Api.Units)),
            ("GET unit", "GET /api/v1/units/{id}", Rule.Read, Nothing, (c, _) => c.GetAsync($"{Api.Units}/{a}")),
            ("GET summary", "GET /api/v1/units/{id}/summary", Rule.Read, Nothing, (c, _) => c.GetAsync($"{Api.Units}/{a}/summary")),
            ("GET tree", "GET /api/v1/units/{id}/tree", Rule.Read, Nothing, (c, _) => c.GetAsync($"{Api.Units}/{a}/tree?depth=1")),
            ("GET history", "GET /api/v1/units/{id}/history", Rule.Read, Nothing, (c, _) => c.GetAsync($"{Api.Units}/{a}/history?from=2026-06-01")),
            ("GET tasks", "GET /api/v1/units/{id}/tasks", Rule.Read, Nothing, (c, _) => c.GetAsync(Api.Tasks(a))),
            ("GET task", "GET /api/v1/units/{id}/tasks/{taskId}", Rule.Read, Nothing, (c, _) => c.GetAsync(Api.Task(a, "t1"))),
            ("GET me", "GET /api/v1/me", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync("/api/v1/me")),
            ("POST unit", "POST /api/v1/units", Rule.AdminOnly, Nothing, (c, _) => c.PostAsJsonAsync(Api.Units, new { id = Api.Id("new"), parentId = a, name = "新", kind = "branch" })),
            // The root again, exactly as it is: an admin's idempotent repeat, everyone else's 403 (never 200 or 409).
            ("POST root again", "POST /api/v1/units", Rule.AdminOnly, Nothing, (c, _) => c.PostAsJsonAsync(Api.Units, new { id = ApiApp.Root, parentId = (string?)null, name = "Root", kind = "partyGroup" })),
            ("POST second root", "POST /api/v1/units", Rule.Conflict, Nothing, (c, _) => c.PostAsJsonAsync(Api.Units, new { id = Api.Id("root"), parentId = (string?)null, name = "又一个", kind = "partyGroup" })),
            ("PATCH unit", "PATCH /api/v1/units/{id}", Rule.AdminOnly, Nothing, (c, _) => c.PatchAsJsonAsync($"{Api.Units}/{a}", new { sort = Random.Shared.Next(1, 1000) })),
            ("DELETE unit", "DELETE /api/v1/units/{id}", Rule.AdminOnly, async () =>
            {
                var id = Api.Id("gone");
                await (await admin.PostAsJsonAsync(Api.Units, new { id, parentId = a, name = "将删", kind = "branch" })).Expect(HttpStatusCode.Created);
                return id;
            }, (c, id) => c.DeleteAsync($"{Api.Units}/{id}")),
            ("POST task", "POST /api/v1/units/{id}/tasks", Rule.WriteTasks, Nothing, (c, _) => c.PostAsJsonAsync(Api.Tasks(a), new { id = Api.Id("t"), title = "新任务", track = "business", start = "2026-01-01", due = "2026-12-31" })),
            ("PATCH task", "PATCH /api/v1/units/{id}/tasks/{taskId}", Rule.WriteTasks, Nothing, (c, _) => c.PatchAsJsonAsync(Api.Task(a, "t1"), new { progress = Random.Shared.Next(1, 99) })),
            ("DELETE task", "DELETE /api/v1/units/{id}/tasks/{taskId}", Rule.WriteTasks, async () =>
            {
                var id = Api.Id("t");
                await (await admin.PostAsJsonAsync(Api.Tasks(a), new { id, title = "将删", track = "party", start = "2026-01-01", due = "2026-12-31" })).Expect(HttpStatusCode.Created);
                return id;
            }, (c, id) => c.DeleteAsync(Api.Task(a, id))),
            ("GET users", "GET /api/v1/users", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/users")),
            ("POST user", "POST /api/v1/users", Rule.AdminOnly, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/users", new { username = Api.Id("u"), password = Password, displayName = "新人", role = "viewer" })),
            ("PATCH user", "PATCH /api/v1/users/{username}", Rule.AdminOnly, () => User("viewer"), (c, username) => c.PatchAsJsonAsync($"/api/v1/users/{username}", new { displayName = "改名" })),
            ("GET kiosks", "GET /api/v1/kiosks", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/kiosks")),
            ("POST kiosk", "POST /api/v1/kiosks", Rule.AdminOnly, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/kiosks", new { name = "新屏", unitId = a, depth = 1 })),
            ("DELETE kiosk", "DELETE /api/v1/kiosks/{id}", Rule.AdminOnly, async () => (await Kiosk(a)).Split('.')[0], (c, id) => c.DeleteAsync($"/api/v1/kiosks/{id}")),
            ("GET alerts", "GET /api/v1/alerts", Rule.Read, Nothing, (c, _) => c.GetAsync($"/api/v1/alerts?unit={a}&subtree=true")),
            ("GET alerts export", "GET /api/v1/alerts/export", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync($"/api/v1/alerts/export?unit={a}&subtree=true")),
            ("GET tasks export", "GET /api/v1/units/{id}/tasks.xlsx", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync($"/api/v1/units/{a}/tasks.xlsx?subtree=true")),
            ("GET year report", "GET /api/v1/units/{id}/report", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync($"/api/v1/units/{a}/report?year=2026")),
            ("GET year report xlsx", "GET /api/v1/units/{id}/report.xlsx", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync($"/api/v1/units/{a}/report.xlsx?year=2026")),
            ("POST directive", "POST /api/v1/directives", Rule.WriteTasks, Below, (c, target) => c.PostAsJsonAsync("/api/v1/directives",
                new { id = Api.Id("d"), issuerUnitId = a, title = "交办", track = "party", start = "2026-01-01", due = "2026-12-31", targets = new { unitIds = new[] { target } } })),
            ("GET directives", "GET /api/v1/directives", Rule.Read, Nothing, (c, _) => c.GetAsync($"/api/v1/directives?issuer={a}")),
            ("GET directive", "GET /api/v1/directives/{id}", Rule.Read, Directive, (c, d) => c.GetAsync($"/api/v1/directives/{D(d)}")),
            ("GET directive copies", "GET /api/v1/directives/{id}/copies", Rule.Read, Directive, (c, d) => c.GetAsync($"/api/v1/directives/{D(d)}/copies")),
            ("PATCH directive", "PATCH /api/v1/directives/{id}", Rule.WriteTasks, Directive, (c, d) => c.PatchAsJsonAsync($"/api/v1/directives/{D(d)}", new { note = "按时完成" })),
            ("POST directive targets", "POST /api/v1/directives/{id}/targets", Rule.WriteTasks, async () => $"{D(await Directive())}|{await Below()}",
                (c, d) => c.PostAsJsonAsync($"/api/v1/directives/{D(d)}/targets", new { unitIds = new[] { d.Split('|')[1] } })),
            ("DELETE directive target", "DELETE /api/v1/directives/{id}/targets/{unitId}", Rule.WriteTasks, Directive, (c, d) => c.DeleteAsync($"/api/v1/directives/{D(d)}/targets/{d.Split('|')[1]}")),
            ("DELETE directive", "DELETE /api/v1/directives/{id}", Rule.WriteTasks, Directive, (c, d) => c.DeleteAsync($"/api/v1/directives/{D(d)}")),
            ("POST schedule", "POST /api/v1/schedules", Rule.WriteTasks, Below, (c, target) => c.PostAsJsonAsync("/api/v1/schedules",
                new { id = Api.Id("s"), issuerUnitId = a, title = "主题党日", track = "party", every = "month", targets = new { unitIds = new[] { target } } })),
            ("GET schedules", "GET /api/v1/schedules", Rule.Read, Nothing, (c, _) => c.GetAsync($"/api/v1/schedules?issuer={a}")),
            ("GET schedule", "GET /api/v1/schedules/{id}", Rule.Read, Schedule, (c, d) => c.GetAsync($"/api/v1/schedules/{D(d)}")),
            ("GET schedule instances", "GET /api/v1/schedules/{id}/instances", Rule.Read, Schedule, (c, d) => c.GetAsync($"/api/v1/schedules/{D(d)}/instances")),
            ("PATCH schedule", "PATCH /api/v1/schedules/{id}", Rule.WriteTasks, Schedule, (c, d) => c.PatchAsJsonAsync($"/api/v1/schedules/{D(d)}", new { note = "每月一次" })),
            ("POST schedule targets", "POST /api/v1/schedules/{id}/targets", Rule.WriteTasks, async () => $"{D(await Schedule())}|{await Below()}",
                (c, d) => c.PostAsJsonAsync($"/api/v1/schedules/{D(d)}/targets", new { unitIds = new[] { d.Split('|')[1] } })),
            ("DELETE schedule target", "DELETE /api/v1/schedules/{id}/targets/{unitId}", Rule.WriteTasks, Schedule, (c, d) => c.DeleteAsync($"/api/v1/schedules/{D(d)}/targets/{d.Split('|')[1]}")),
            ("DELETE schedule", "DELETE /api/v1/schedules/{id}", Rule.WriteTasks, Schedule, (c, d) => c.DeleteAsync($"/api/v1/schedules/{D(d)}")),
            ("GET import template", "GET /api/v1/import/template.xlsx", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync("/api/v1/import/template.xlsx")),
            ("POST import", "POST /api/v1/import", Rule.Import, Nothing, (c, _) => c.Import(ImportBooks.Of([ImportBooks.NewRow(a, Api.Id("imp"), "导入的任务")]), dryRun: false)),
            ("POST acknowledge", "POST /api/v1/alerts/{alertId}/acknowledge", Rule.Acknowledge, async () =>
            {
                // A task already past its due date: its taskOverdue alert fires with the write.
                var id = Api.Id("late");
                await (await admin.PostAsJsonAsync(Api.Tasks(a), new { id, title = "逾期", track = "party", start = "2026-01-01", due = "2026-02-01" })).Expect(HttpStatusCode.Created);
                var alerts = await (await admin.GetAsync($"/api/v1/alerts?unit={a}")).Expect(HttpStatusCode.OK);
                return alerts.EnumerateArray().First(x => x.GetProperty("taskId").GetString() == id).GetProperty("id").GetString()!;
            }, (c, id) => c.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "已督办" })),
            // Silences: a's editor may silence a (without stopping its climb) and end what it placed; leaders and admins too.
            ("POST silence", "POST /api/v1/silences", Rule.Acknowledge, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/silences",
                new { unitId = a, subtree = true, until = GrainCluster.Start.AddDays(3).ToString("O"), reason = "换届选举" })),
            ("GET silences", "GET /api/v1/silences", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync($"/api/v1/silences?unit={a}&subtree=true")),
            ("GET silence", "GET /api/v1/silences/{id}", Rule.PeopleRead, Silence, (c, id) => c.GetAsync($"/api/v1/silences/{id}")),
            ("DELETE silence", "DELETE /api/v1/silences/{id}", Rule.Acknowledge, Silence, (c, id) => c.DeleteAsync($"/api/v1/silences/{id}")),
            ("POST inspection", "POST /api/v1/inspections", Rule.Overseers, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/inspections", new { id = Api.Id("dc"), title = "督查", period = "2026-q4", unitId = a })),
            ("GET inspections", "GET /api/v1/inspections", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync("/api/v1/inspections")),
            ("GET inspection", "GET /api/v1/inspections/{id}", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}")),
            ("GET inspection tree", "GET /api/v1/inspections/{id}/tree", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/tree?depth=1")),
            ("GET inspection tasks", "GET /api/v1/inspections/{id}/units/{unitId}/tasks", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/units/{a}/tasks")),
            ("GET inspection alerts", "GET /api/v1/inspections/{id}/units/{unitId}/alerts", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/units/{a}/alerts")),
            ("GET inspection compare", "GET /api/v1/inspections/compare", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/compare?from={i}&to=now")),
            ("GET inspection report", "GET /api/v1/inspections/{id}/report.xlsx", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/report.xlsx?depth=1")),
            ("POST finding", "POST /api/v1/inspections/{id}/findings", Rule.Inspector, FindingInspection, (c, i) => c.PostAsJsonAsync($"/api/v1/inspections/{i}/findings",
                new { id = Api.Id("zg"), unitId = a, text = "会议记录不全", due = "2026-09-30" })),
            ("GET findings", "GET /api/v1/findings", Rule.Read, Nothing, (c, _) => c.GetAsync($"/api/v1/findings?unit={a}")),
            ("GET finding", "GET /api/v1/findings/{id}", Rule.Read, () => Finding(false), (c, f) => c.GetAsync($"/api/v1/findings/{f}")),
            ("PATCH finding", "PATCH /api/v1/findings/{id}", Rule.Inspector, () => Finding(false), (c, f) => c.PatchAsJsonAsync($"/api/v1/findings/{f}", new { text = "会议记录不全，补齐" })),
            ("DELETE finding", "DELETE /api/v1/findings/{id}", Rule.Inspector, () => Finding(false), (c, f) => c.DeleteAsync($"/api/v1/findings/{f}")),
            ("POST finding confirm", "POST /api/v1/findings/{id}/confirm", Rule.Inspector, () => Finding(true), (c, f) => c.PostAsJsonAsync($"/api/v1/findings/{f}/confirm", new { note = "销号" })),
            ("POST finding reopen", "POST /api/v1/findings/{id}/reopen", Rule.Inspector, () => Finding(true), (c, f) => c.PostAsJsonAsync($"/api/v1/findings/{f}/reopen", new { note = "再改" })),
            ("GET audit", "GET /api/v1/audit", Rule.Overseers, Nothing, (c, _) => c.GetAsync($"/api/v1/audit?unit={a}&limit=5")),
            ("GET audit/verify", "GET /api/v1/audit/verify", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/audit/verify")),
            ("POST notify channel test", "POST /api/v1/notify/channels/{name}/test", Rule.AdminOnly, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/notify/channels/matrix/test", new { })),
            ("GET notify", "GET /api/v1/notify", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/notify")),
            ("GET notify/outbox", "GET /api/v1/notify/outbox", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/notify/outbox?state=pending&limit=5")),
            ("GET openapi", "GET /openapi/{documentName}.json", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/openapi/v1.json")),
            // With its slash: without, it redirects there, and a client drops its Authorization header on a redirect.
            ("GET api reference", "GET /api/reference/{documentName?}", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/reference/")),
            // Scalar's own files: library code and an icon, no data, open to anyone like the wall's files.
            ("GET api reference script", "GET /api/reference/scalar.js", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/api/reference/scalar.js")),
            ("GET api reference start", "GET /api/reference/scalar.aspnetcore.js", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/api/reference/scalar.aspnetcore.js")),
            ("GET api reference icon", "GET /api/reference/favicon.svg", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/api/reference/favicon.svg")),
            ("POST auth/token", "POST /api/v1/auth/token", Rule.Anyone, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = CascadeApp.AdminPassword })),
            ("PUT me/password", "PUT /api/v1/me/password", Rule.PeopleTry, Nothing, (c, _) => c.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = "not-it", newPassword = "another-long-password" })),
            ("POST auth/logout", "POST /api/v1/auth/logout", Rule.PeopleRead, Nothing, (c, _) => c.PostAsync("/api/v1/auth/logout", null)),
            ("GET login", "GET /login", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/login")),
            ("POST login", "POST /login", Rule.Anyone, Nothing, (c, _) => c.PostAsync("/login", new FormUrlEncodedContent([new("username", "nobody-here"), new("password", "wrong")]))),
            ("POST logout", "POST /logout", Rule.Anyone, Nothing, (c, _) => c.PostAsync("/logout", new FormUrlEncodedContent([]))),
            ("GET /", "GET /", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/")),
            ("GET wall", "GET /wall", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/wall")),
            ("GET healthz", "GET /healthz", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/healthz")),
            ("GET readyz", "* /readyz", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/readyz")),
            ("GET metrics", "* /metrics", Rule.Anyone, Nothing, (c, _) => c.GetAsync("/metrics")),
        ];

    }
}
