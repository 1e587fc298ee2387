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

/// <summary>
/// Every API route, the hub and the workbench page as every kind of caller: anonymous, admin, leader, viewer, the
/// editor of the unit, the editor of a sibling, a disabled user, a kiosk and a revoked kiosk.
/// Each call is allowed or refused exactly as docs/api.md says, and the refused ones change nothing.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";
    private string? _a;

    private enum Who { Anonymous, Admin, Leader, Viewer, Editor, SiblingEditor, Disabled, Kiosk, RevokedKiosk }

    /// <summary>What a route allows: reading for everyone signed in; writing tasks for admins and the unit's editor; the rest for admins.</summary>
    /// <summary>
    /// What a route allows: reading for everyone signed in; writing tasks for admins and the unit's editor; the rest for admins.
    /// <see cref="Rule.Anyone"/> routes need no sign-in (their answer is anything but a refusal);
    /// <see cref="Rule.PeopleTry"/> routes let people in, who may still get a 4xx for what they sent;
    /// <see cref="Rule.Conflict"/> is refused for everyone, admins with 409.
    /// </summary>
    private enum Rule { Read, PeopleRead, PeopleTry, WriteTasks, AdminOnly, Overseers, Acknowledge, Anyone, Conflict, Import }

    /// <summary>Sends the kiosk token in every request's query, as a wall does.</summary>
    private sealed class KioskQuery(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var uri = request.RequestUri!.OriginalString;
            request.RequestUri = new Uri(uri + (uri.Contains('?') ? "&" : "?") + "kiosk=" + Uri.EscapeDataString(token), UriKind.RelativeOrAbsolute);
            return base.SendAsync(request, cancel);
        }
    }

    private async Task<string> User(string role, string? unitId = null)
    {
        var username = Api.Id(role);
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "用户", role, unitId })).Expect(HttpStatusCode.Created);
        return username;
    }

    private async Task<string> Kiosk(string unitId) =>
        (await (await (await app.Client()).PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId, depth = 1 })).Expect(HttpStatusCode.Created))
            .GetProperty("token").GetString()!;

    private HttpClient KioskClient(string token)
    {
        var client = app.CreateDefaultClient(new KioskQuery(token));
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private async Task<string> State()
    {
        var admin = await app.Client();
        var parts = new List<string>();
        // Units, tasks, users and kiosks: what a write could change. Not summaries, which the
        // roll-up may still be settling from an earlier, allowed write.
        foreach (var path in new[] { Api.Units, Api.Tasks(_a!), "/api/v1/users", "/api/v1/kiosks" })
        {
            var json = await (await admin.GetAsync(path)).Content.ReadAsStringAsync();
            parts.Add(json);
        }
        return string.Join("\n", parts);
    }

    private static bool Allowed(Rule rule, Who who) => (rule, who) switch
    {
        (_, Who.Anonymous or Who.Disabled or Who.RevokedKiosk) => false,
        (_, Who.Admin) => true,
        (Rule.Read, _) => true,
        (Rule.PeopleRead, Who.Kiosk) => false,
        (Rule.PeopleRead, _) => true,
        (Rule.WriteTasks or Rule.Import, Who.Editor) => true,
        (Rule.Overseers, Who.Leader) => true,
        (Rule.Acknowledge, Who.Leader or Who.Editor) => true,
        _ => false,
    };

    /// <summary>The answer expected: "2xx", "open" (anything but 401, 403 or a 5xx), or a refusal's status.</summary>
    private static string Expected(Rule rule, Who who) => rule switch
    {
        Rule.Anyone => "open",
        Rule.Conflict when who == Who.Admin => "409",
        Rule.PeopleTry when SignedIn(who) && who != Who.Kiosk => "open",
        // An editor may import, but a row outside their subtree is a row error: 400 with the report, nothing applied.
        Rule.Import when who == Who.SiblingEditor => "400",
        _ when rule != Rule.Conflict && rule != Rule.PeopleTry && Allowed(rule, who) => "2xx",
        _ => SignedIn(who) ? "403" : "401",
    };

    private static bool SignedIn(Who who) => who is not (Who.Anonymous or Who.Disabled or Who.RevokedKiosk);

    private static Task<string> Nothing() => Task.FromResult("");

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
            ("POST inspection", "POST /api/v1/inspections", Rule.Overseers, Nothing, (c, _) => c.PostAsJsonAsync("/api/v1/inspections", new { id = Api.Id("dc"), title = "督查", period = "2026-q4", unitId = a })),
            ("GET inspections", "GET /api/v1/inspections", Rule.PeopleRead, Nothing, (c, _) => c.GetAsync("/api/v1/inspections")),
            ("GET inspection", "GET /api/v1/inspections/{id}", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}")),
            ("GET inspection tree", "GET /api/v1/inspections/{id}/tree", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/tree?depth=1")),
            ("GET inspection tasks", "GET /api/v1/inspections/{id}/units/{unitId}/tasks", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/units/{a}/tasks")),
            ("GET inspection alerts", "GET /api/v1/inspections/{id}/units/{unitId}/alerts", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/{i}/units/{a}/alerts")),
            ("GET inspection compare", "GET /api/v1/inspections/compare", Rule.PeopleRead, Inspection, (c, i) => c.GetAsync($"/api/v1/inspections/compare?from={i}&to=now")),
            ("GET audit", "GET /api/v1/audit", Rule.Overseers, Nothing, (c, _) => c.GetAsync($"/api/v1/audit?unit={a}&limit=5")),
            ("GET audit/verify", "GET /api/v1/audit/verify", Rule.AdminOnly, Nothing, (c, _) => c.GetAsync("/api/v1/audit/verify")),
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

    /// <summary>Routes the matrix test checks outside its rows: the hub (connect and watch), the workbench pages and the admin console.</summary>
    private static readonly string[] CheckedApart = ["* /hubs/wall", "* /hubs/wall/negotiate", "GET /app", "GET /app/alerts", "GET /admin"];

    [Fact]
    public void Every_mapped_route_has_a_row_in_the_matrix()
    {
        var rows = Matrix(null!, "a", _ => Nothing(), _ => Nothing()).Select(r => r.Route).Concat(CheckedApart).ToHashSet(StringComparer.Ordinal);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Pattern(e)}"))
            .Distinct().ToList();
        Assert.NotEmpty(mapped);
        // A HEAD is answered by its GET's handler.
        var missing = mapped.Where(route => !rows.Contains(route) && !(route.StartsWith("HEAD ", StringComparison.Ordinal) && rows.Contains("GET " + route[5..])))
            .Where(route => !rows.Contains("* " + route[(route.IndexOf(' ') + 1)..])).ToList();
        Assert.True(missing.Count == 0, "Routes without a row in the authorization matrix: " + string.Join(", ", missing));
        var stale = rows.Where(row => !mapped.Contains(row) && !mapped.Any(m => m.EndsWith(" " + row[(row.IndexOf(' ') + 1)..], StringComparison.Ordinal))).ToList();
        Assert.True(stale.Count == 0, "Matrix rows for routes that are not mapped: " + string.Join(", ", stale));
    }

    private static string Pattern(RouteEndpoint endpoint)
    {
        var text = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
        return text;
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_specified_and_refusals_change_nothing()
    {
        var admin = await app.Client();
        var (committee, a, b) = (Api.Id("committee"), Api.Id("a"), Api.Id("b"));
        _a = a;
        await (await admin.PostAsJsonAsync(Api.Units, new { id = committee, parentId = ApiApp.Root, name = "机关党委", kind = "organCommittee" })).Expect(HttpStatusCode.Created);
        foreach (var unit in new[] { a, b })
        {
            await (await admin.PostAsJsonAsync(Api.Units, new { id = unit, parentId = committee, name = "党支部", kind = "branch" })).Expect(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync(Api.Tasks(unit), new { id = "t1", title = "主题党日", track = "party", start = "2026-01-01", due = "2026-12-31" })).Expect(HttpStatusCode.Created);
        }
        var disabled = await User("leader");
        var disabledToken = await app.SignIn(disabled, Password);
        await (await admin.PatchAsJsonAsync($"/api/v1/users/{disabled}", new { disabled = true })).Expect(HttpStatusCode.OK);
        var revoked = await Kiosk(a);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/kiosks/{revoked.Split('.')[0]}")).StatusCode);

        var callers = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = app.CreateAnonymousClient(),
            // A session of its own: the last rows sign every caller out.
            [Who.Admin] = app.CreateClient(await app.SignIn("admin", CascadeApp.AdminPassword)),
            [Who.Leader] = app.CreateClient(await app.SignIn(await User("leader"), Password)),
            [Who.Viewer] = app.CreateClient(await app.SignIn(await User("viewer"), Password)),
            [Who.Editor] = app.CreateClient(await app.SignIn(await User("editor", a), Password)),
            [Who.SiblingEditor] = app.CreateClient(await app.SignIn(await User("editor", b), Password)),
            [Who.Disabled] = app.CreateClient(disabledToken),
            [Who.Kiosk] = KioskClient(await Kiosk(a)),
            [Who.RevokedKiosk] = KioskClient(revoked),
        };

        var routes = Matrix(admin, a, r => User(r), u => Kiosk(u));
        var failures = new List<string>();

        // The hub: every signed-in person may watch the unit; the others cannot connect. (Kiosks on
        // the hub, with their token in the query as a wall sends it, are KioskTests' subject.)
        foreach (var who in Enum.GetValues<Who>().Where(w => w is not (Who.Kiosk or Who.RevokedKiosk)))
        {
            var token = callers[who].DefaultRequestHeaders.Authorization?.Parameter;
            try
            {
                await using var wall = await WallClient.ConnectAsync(app, token, null);
                var snapshot = await wall.Watch(a, 1);
                if (!SignedIn(who)) failures.Add($"{who} hub: connected and watched");
                else if (snapshot.GetProperty("unitId").GetString() != a) failures.Add($"{who} hub: wrong snapshot");
            }
            catch (HttpRequestException) when (!SignedIn(who)) { }
            catch (Exception error) when (SignedIn(who)) { failures.Add($"{who} hub: {error.GetType().Name} {error.Message}"); }
        }

        // The workbench and ledger pages: people get them; anyone else, a kiosk too, ends at the sign-in form.
        foreach (var (who, client) in callers)
        foreach (var page in new[] { "/app", "/app/alerts" })
        {
            var answer = await client.GetAsync(page);
            var expected = SignedIn(who) && who != Who.Kiosk ? page : "/login";
            // Some of these clients follow redirects and some do not: where the answer leads counts.
            var reached = answer.StatusCode == HttpStatusCode.Redirect
                ? new Uri(new Uri("http://localhost"), answer.Headers.Location!).AbsolutePath
                : answer.RequestMessage?.RequestUri?.AbsolutePath;
            if (answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect) || reached != expected)
                failures.Add($"{who} GET {page}: {(int)answer.StatusCode} at {reached}, expected {expected}");
        }

        // The admin console: admins get it; other people a 403 page; anyone else, a kiosk too, ends at the sign-in form.
        foreach (var (who, client) in callers)
        {
            var answer = await client.GetAsync("/admin");
            var reached = answer.StatusCode == HttpStatusCode.Redirect
                ? new Uri(new Uri("http://localhost"), answer.Headers.Location!).AbsolutePath
                : answer.RequestMessage?.RequestUri?.AbsolutePath;
            var (status, expected) = who == Who.Admin ? (HttpStatusCode.OK, "/admin")
                : SignedIn(who) && who != Who.Kiosk ? (HttpStatusCode.Forbidden, "/admin")
                : (HttpStatusCode.OK, "/login");
            var ok = answer.StatusCode == status || (status == HttpStatusCode.OK && answer.StatusCode == HttpStatusCode.Redirect);
            if (!ok || reached != expected)
                failures.Add($"{who} GET /admin: {(int)answer.StatusCode} at {reached}, expected {(int)status} at {expected}");
        }

        foreach (var (who, client) in callers)
        foreach (var (name, _, rule, prepare, call) in routes)
        {
            var resource = await prepare();
            var before = await State();
            var answer = await call(client, resource);
            var status = (int)answer.StatusCode;
            var expected = Expected(rule, who);
            var ok = expected switch
            {
                "2xx" => status is >= 200 and < 300,
                "open" => status is not (401 or 403) and < 500,
                _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected,
            };
            if (!ok) failures.Add($"{who} {name}: {status}, expected {expected}");
            else if (expected is not ("2xx" or "open"))
            {
                // An import's 400 is its report (application/json); every other refusal is a problem.
                if (rule != Rule.Import || expected != "400") Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                if (await State() != before) failures.Add($"{who} {name}: refused, but the state changed");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
