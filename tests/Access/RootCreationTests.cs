using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>A root is part of the tree's shape: only admins create it, on an empty store as with one, and the refusal comes before any conflict.</summary>
public sealed class RootCreationTests
{
    private const string Password = "a-long-password";

    [Fact]
    public async Task Only_an_admin_creates_the_root_and_others_get_403_before_and_after_it_exists()
    {
        await using var app = new CascadeApp();
        var admin = app.CreateClient();
        var people = new List<HttpClient>();
        foreach (var role in new[] { "viewer", "leader" })
        {
            var username = Api.Id(role);
            await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "人", role })).Expect(HttpStatusCode.Created);
            people.Add(app.CreateClient(await app.SignIn(username, Password)));
        }
        var root = new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" };

        // An empty store: no root yet, and still no one but an admin may make one.
        foreach (var person in people)
            await (await person.PostAsJsonAsync("/api/v1/units", root)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await (await admin.GetAsync("/api/v1/units")).Expect(HttpStatusCode.OK)).GetArrayLength());

        await (await admin.PostAsJsonAsync("/api/v1/units", root)).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/units", root)).Expect(HttpStatusCode.OK);
        var editorName = Api.Id("editor");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username = editorName, password = Password, displayName = "人", role = "editor", unitId = "kjt" })).Expect(HttpStatusCode.Created);
        people.Add(app.CreateClient(await app.SignIn(editorName, Password)));

        // With the root: its idempotent repeat, a second root and a bad body are all 403, never 200, 409 or 400.
        foreach (var person in people)
        {
            await (await person.PostAsJsonAsync("/api/v1/units", root)).Problem(HttpStatusCode.Forbidden);
            await (await person.PostAsJsonAsync("/api/v1/units", new { id = "x", parentId = (string?)null, name = "x", kind = "partyGroup" })).Problem(HttpStatusCode.Forbidden);
            await (await person.Post("/api/v1/units", "{\"id\":")).Problem(HttpStatusCode.Forbidden);
        }
        await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "x", parentId = (string?)null, name = "x", kind = "partyGroup" })).Problem(HttpStatusCode.Conflict);
        Assert.Single((await (await admin.GetAsync("/api/v1/units")).Expect(HttpStatusCode.OK)).EnumerateArray());
    }
}
