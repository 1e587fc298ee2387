using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;

namespace Cascade.Tests.Audit;

/// <summary>
/// A random sequence of writes through the API, accepted, refused, repeated and no-op, as an
/// admin and as an editor, with sign-ins and kiosks: it notes the audit entry each accepted
/// write must append and none for the others.
/// </summary>
internal sealed class RandomRun(ApiApp app, HttpClient admin, Random random, List<RandomRun.Entry> expected, string prefix)
{
    internal sealed record Entry(string Chain, string Action, string Actor, string? UnitId, string? TaskId);

    private const string Users = "_users";
    private readonly List<string> _units = [];
    private readonly Dictionary<string, Dictionary<string, (long Version, int Progress)>> _tasks = [];
    private readonly List<string> _kiosks = [];
    private readonly Dictionary<string, string> _names = [];
    private readonly Dictionary<string, string> _parentOf = [];
    private string _editorUnit = "";
    private HttpClient _editor = null!;
    private string EditorName => $"{prefix}-editor";
    private int _next;

    public async Task Setup()
    {
        await CreateUnit(admin, "admin");
        _editorUnit = _units[0];
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username = EditorName, password = "editor-password", displayName = "支部书记", role = "editor", unitId = _editorUnit,
        });
        await response.Expect(HttpStatusCode.Created);
        expected.Add(new Entry(Users, "user.create", "admin", null, null));
        _editor = app.CreateClient(await app.SignIn(EditorName, "editor-password"));
        expected.Add(new Entry(Users, "signIn", EditorName, null, null));
    }

    public async Task Step()
    {
        switch (random.Next(12))
        {
            case 0: await CreateUnit(admin, "admin"); break;
            case 1: await RenameUnit(); break;
            case 2: case 3: await CreateTask(); break;
            case 4: case 5: case 6: await PatchTask(); break;
            case 7: await DeleteSomething(); break;
            case 8: await EditorWrites(); break;
            case 9: await SignIn(); break;
            case 10: await Kiosk(); break;
            default: await Refused(); break;
        }
    }

    private string NewId(string kind) => $"{prefix}-{kind}{++_next}";

    private async Task CreateUnit(HttpClient client, string actor)
    {
        var id = NewId("u");
        var parentId = _units.Count > 0 && random.Next(2) == 0 ? _units[random.Next(_units.Count)] : ApiApp.Root;
        var body = new { id, parentId, name = $"支部 {id}", kind = "branch" };
        (await client.PostAsJsonAsync("/api/v1/units", body)).EnsureSuccessStatusCode();
        expected.Add(new Entry(id, "unit.create", actor, id, null));
        _units.Add(id);
        _tasks[id] = [];
        _names[id] = body.name;
        _parentOf[id] = parentId;
        // The same POST again is answered 200 and appends nothing.
        await (await client.PostAsJsonAsync("/api/v1/units", body)).Expect(HttpStatusCode.OK);
    }

    private async Task RenameUnit()
    {
        var unit = _units[random.Next(_units.Count)];
        var name = random.Next(3) == 0 ? _names[unit] : $"更名 {NewId("n")}";
        await (await admin.Patch($"/api/v1/units/{unit}", Api.Json(new { name }))).Expect(HttpStatusCode.OK);
        if (name == _names[unit]) return; // the same name: 200, nothing changed, no entry
        _names[unit] = name;
        expected.Add(new Entry(unit, "unit.update", "admin", unit, null));
    }

    private async Task CreateTask(HttpClient? client = null, string actor = "admin", string? unit = null)
    {
        unit ??= _units[random.Next(_units.Count)];
        var id = NewId("t");
        await (client ?? admin).CreateTask(unit, id, track: random.Next(2) == 0 ? "party" : "business", weight: 1 + random.Next(3));
        expected.Add(new Entry(unit, "task.create", actor, unit, id));
        _tasks[unit][id] = (1, 0);
    }

    private (string Unit, string Task)? AnyTask(string? within = null)
    {
        var all = _tasks.Where(u => within is null || u.Key == within).SelectMany(u => u.Value.Keys.Select(t => (u.Key, t))).ToList();
        return all.Count == 0 ? null : all[random.Next(all.Count)];
    }

    private async Task PatchTask(HttpClient? client = null, string actor = "admin", string? within = null)
    {
        if (AnyTask(within) is not var (unit, task)) { await CreateTask(client, actor, within); return; }
        var (version, progress) = _tasks[unit][task];
        var next = random.Next(4) == 0 ? progress : random.Next(101);
        var stale = random.Next(5) == 0 && version > 1;
        var response = await (client ?? admin).Patch(Api.Task(unit, task), Api.Json(new { progress = next }), ifMatch: $"\"{(stale ? version - 1 : version)}\"");
        if (stale) { await response.Problem(HttpStatusCode.PreconditionFailed); return; }
        await response.Expect(HttpStatusCode.OK);
        if (next == progress) return; // the same value: 200, no new version, no entry
        _tasks[unit][task] = (version + 1, next);
        expected.Add(new Entry(unit, "task.update", actor, unit, task));
    }

    private async Task DeleteSomething()
    {
        var empty = _units.Where(u => u != _editorUnit && _tasks[u].Count == 0 && !_parents.Contains(u)).ToList();
        if (random.Next(2) == 0 && empty.Count > 0)
        {
            var unit = empty[random.Next(empty.Count)];
            Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete($"/api/v1/units/{unit}")).StatusCode);
            expected.Add(new Entry(unit, "unit.delete", "admin", unit, null));
            _units.Remove(unit);
            _tasks.Remove(unit);
            return;
        }
        if (AnyTask() is not var (u, t)) return;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete(Api.Task(u, t))).StatusCode);
        expected.Add(new Entry(u, "task.delete", "admin", u, t));
        _tasks[u].Remove(t);
    }

    /// <summary>Units that have children may not be deleted.</summary>
    private HashSet<string> _parents => _units.Select(u => _parentOf[u]).ToHashSet();

    private async Task EditorWrites()
    {
        if (random.Next(2) == 0) await PatchTask(_editor, EditorName, _editorUnit);
        else await CreateTask(_editor, EditorName, _editorUnit);
        // Outside their unit: refused, nothing appended.
        if (_units.FirstOrDefault(u => !Within(u, _editorUnit)) is { } other)
            await (await _editor.PostAsJsonAsync(Api.Tasks(other), new { id = NewId("x"), title = "x", track = "party", start = "2026-01-01", due = "2026-12-31" }))
                .Problem(HttpStatusCode.Forbidden);
    }

    private bool Within(string unit, string ancestor)
    {
        for (string? at = unit; at is not null; at = _parentOf.GetValueOrDefault(at))
            if (at == ancestor) return true;
        return false;
    }

    private async Task SignIn()
    {
        using var anonymous = app.CreateAnonymousClient();
        var right = random.Next(2) == 0;
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = EditorName, password = right ? "editor-password" : "wrong-password" });
        Assert.Equal(right ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        expected.Add(new Entry(Users, right ? "signIn" : "signInFailed", EditorName, null, null));
        // A failure resets on success; keep clear of the lockout.
        if (!right)
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = EditorName, password = "editor-password" })).EnsureSuccessStatusCode();
            expected.Add(new Entry(Users, "signIn", EditorName, null, null));
        }
    }

    private async Task Kiosk()
    {
        if (_kiosks.Count > 0 && random.Next(2) == 0)
        {
            var id = _kiosks[^1];
            _kiosks.RemoveAt(_kiosks.Count - 1);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete($"/api/v1/kiosks/{id}")).StatusCode);
            expected.Add(new Entry(Users, "kiosk.revoke", "admin", null, null));
            await (await admin.Delete($"/api/v1/kiosks/{id}")).Problem(HttpStatusCode.NotFound);
            return;
        }
        var created = await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = ApiApp.Root, depth = 2 })).Expect(HttpStatusCode.Created);
        _kiosks.Add(created.GetProperty("id").GetString()!);
        expected.Add(new Entry(Users, "kiosk.create", "admin", null, null));
    }

    /// <summary>Writes the API refuses: each changes nothing and appends nothing.</summary>
    private async Task Refused()
    {
        var unit = _units[random.Next(_units.Count)];
        switch (random.Next(4))
        {
            case 0: await (await admin.Patch($"/api/v1/units/{unit}", """{"name":""}""")).Invalid("name"); break;
            case 1: await (await admin.PostAsJsonAsync("/api/v1/units", new { id = NewId("r"), parentId = "no-such-unit", name = "x", kind = "branch" })).Problem(HttpStatusCode.NotFound); break;
            case 2: await (await admin.Patch(Api.Task(unit, "no-such-task"), """{"progress":1}""")).Problem(HttpStatusCode.NotFound); break;
            default:
                if (AnyTask() is var (u, t)) await (await admin.Patch(Api.Task(u, t), """{"progress":101}""")).Invalid("progress");
                break;
        }
    }
}
