using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.E2E;

/// <summary>
/// One product process for the workbench's browser tests: a root and an organ committee, and
/// helpers that give each test its own branches, tasks, editors and kiosks, so tests share the
/// process without sharing data.
/// </summary>
public class WorkbenchServer : IAsyncLifetime
{
    /// <summary>Settings the product process starts with, beyond WebProcess's own.</summary>
    protected virtual string[] Settings => [];

    /// <summary>True for a product seeded with the demo department (its own root): no test root is made.</summary>
    protected virtual bool Demo => false;

    public const string Password = "a-long-password";
    public const string Root = "wb-root";
    public const string Committee = "wb-committee";

    private readonly TempDirectory _folder = new();

    public WebProcess Web { get; private set; } = null!;
    public HttpClient Admin => Web.Client;

    public string Url(string path) => new Uri(Web.Address, path).ToString();

    public async Task InitializeAsync()
    {
        Web = await WebProcess.StartAsync(_folder.Path, _folder.File("cascade.db"), Settings);
        if (Demo) return;
        await Created(await Admin.PostAsJsonAsync(Api.Units, new { id = Root, parentId = (string?)null, name = "测试厅党组", kind = "partyGroup" }));
        await Created(await Admin.PostAsJsonAsync(Api.Units, new { id = Committee, parentId = Root, name = "机关党委", kind = "organCommittee" }));
    }

    /// <summary>A new branch under the committee.</summary>
    public async Task<string> Branch(string name = "测试党支部")
    {
        var id = Api.Id("wb-branch");
        await Created(await Admin.PostAsJsonAsync(Api.Units, new { id, parentId = Committee, name, kind = "branch" }));
        return id;
    }

    /// <summary>A task of <paramref name="unitId"/> running through all of this year unless dates are given.</summary>
    public async Task<JsonElement> Task(string unitId, string id, string title, string track, string? start = null, string? due = null, string note = "")
    {
        var year = DateTime.UtcNow.Year;
        return await Created(await Admin.PostAsJsonAsync(Api.Tasks(unitId),
            new { id, title, track, start = start ?? $"{year}-01-01", due = due ?? $"{year + 1}-12-31", note }));
    }

    public async Task<JsonElement> GetTask(string unitId, string id) => await Admin.GetFromJsonAsync<JsonElement>(Api.Task(unitId, id));

    public async Task<JsonElement> Summary(string unitId) => await Admin.GetFromJsonAsync<JsonElement>($"{Api.Units}/{unitId}/summary");

    /// <summary>A new editor bound to <paramref name="unitId"/>; answers the username.</summary>
    public async Task<string> Editor(string unitId, string displayName = "支部书记")
    {
        var username = Api.Id("wb-editor");
        await Created(await Admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName, role = "editor", unitId }));
        return username;
    }

    /// <summary>A kiosk token for a wall of <paramref name="unitId"/>, at depth 1 unless asked.</summary>
    public async Task<string> Kiosk(string unitId, int depth = 1) =>
        (await Created(await Admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId, depth }))).GetProperty("token").GetString()!;

    private static async Task<JsonElement> Created(HttpResponseMessage response) => await response.Expect(HttpStatusCode.Created);

    public async Task DisposeAsync()
    {
        if (Web is not null) await Web.DisposeAsync();
        _folder.Dispose();
    }
}
