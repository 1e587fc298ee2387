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
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    /// <summary>With one notification channel, whose robot nobody runs: a test through it is answered 200, not delivered.</summary>
    public sealed class App() : ApiApp(new()
    {
        ["Cascade:Notify:Channels:matrix:Type"] = "wecom",
        ["Cascade:Notify:Channels:matrix:Url"] = $"http://127.0.0.1:{FreePort.Next()}/cgi-bin/webhook/send?key=matrix",
    });

    private const string Password = "a-long-password";
    private string? _a;

    private enum Who { Anonymous, Admin, Leader, Viewer, Editor, SiblingEditor, Disabled, Kiosk, RevokedKiosk }

    /// <summary>
    /// What a route allows: reading for everyone signed in; writing tasks for admins and the unit's editor; the rest for admins.
    /// <see cref="Rule.Anyone"/> routes need no sign-in (their answer is anything but a refusal);
    /// <see cref="Rule.PeopleTry"/> routes let people in, who may still get a 4xx for what they sent;
    /// <see cref="Rule.Conflict"/> is refused for everyone, admins with 409; <see cref="Rule.Inspector"/>
    /// routes (findings) are for admins, leaders and editors of the inspector unit (here b, the sibling).
    /// </summary>
    private enum Rule { Read, PeopleRead, PeopleTry, WriteTasks, AdminOnly, Overseers, Acknowledge, Anyone, Conflict, Import, Inspector }

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
        // Findings: the inspector unit b's editor (the sibling), leaders; a's editor is the inspected unit's.
        (Rule.Inspector, Who.Leader or Who.SiblingEditor) => true,
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

    /// <summary>Routes the matrix test checks outside its rows: the hub (connect and watch), the workbench pages (the inspections' and then-and-now's too), the year report page and the admin console.</summary>
    private static readonly string[] CheckedApart = ["* /hubs/wall", "* /hubs/wall/negotiate", "GET /app", "GET /app/alerts", "GET /app/inspections", "GET /app/compare", "GET /inspections/{id}", "GET /report", "GET /admin"];

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

        // The workbench, ledger, inspection, then-and-now and year report pages: people get them; anyone else, a kiosk too, ends at the sign-in form.
        foreach (var (who, client) in callers)
        foreach (var page in new[] { "/app", "/app/alerts", "/app/inspections", "/inspections/any-id", "/app/compare", "/report" })
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
