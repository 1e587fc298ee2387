using System.Net;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Operations;

/// <summary>
/// docs/api.md "Operations": <c>/readyz</c> answers 200 when the silo has joined and storage answers,
/// 503 problem details while storage cannot be reached; <c>/healthz</c> only says the process is alive.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_answers_200_without_sign_in_once_the_silo_joined_and_storage_answers()
    {
        using var app = new CascadeApp();
        using var anonymous = app.CreateAnonymousClient();
        var ready = await (await anonymous.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("silo").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Readiness_answers_503_while_the_database_folder_is_gone_and_200_once_it_is_back()
    {
        using var app = new CascadeApp();
        using var anonymous = app.CreateAnonymousClient();
        await (await anonymous.GetAsync("/readyz")).Expect(HttpStatusCode.OK);

        // The folder goes away as an unmounted volume would: the open database keeps working
        // through its file handles, but nothing can open the file by its path any more.
        var folder = Path.GetDirectoryName(app.DatabasePath)!;
        Directory.Move(folder, folder + "-away");
        try
        {
            var problem = await (await anonymous.GetAsync("/readyz")).Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Not ready", problem.GetProperty("title").GetString());
            Assert.StartsWith("storage: ", problem.GetProperty("detail").GetString());
            Assert.Contains(app.DatabasePath, problem.GetProperty("detail").GetString());
            Assert.Equal("ok", problem.GetProperty("checks").GetProperty("silo").GetString());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            Directory.Move(folder + "-away", folder);
        }
        var ready = await (await anonymous.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, ready.GetProperty("checks").ValueKind);
    }
}
