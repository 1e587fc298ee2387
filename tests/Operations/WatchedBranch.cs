using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Operations;

/// <summary>A new branch under the root with one task <c>t1</c>, and a wall watching the root at depth 1.</summary>
internal sealed record WatchedBranch(HttpClient Client, string Id, WallClient Wall) : IAsyncDisposable
{
    public string Task => Api.Task(Id, "t1");

    /// <summary>Returns once the host has subscribed to the feed for the view: the units in view republished to the wall.</summary>
    public static async Task<WatchedBranch> CreateAsync(ApiApp app, string prefix)
    {
        var client = await app.Client();
        var id = Api.Id(prefix);
        await client.CreateUnit(id);
        await client.CreateTask(id, "t1");
        var wall = await WallClient.ConnectAsync(app);
        await wall.Watch(ApiApp.Root, 1);
        await Eventually.True(() => System.Threading.Tasks.Task.FromResult(wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == id)),
            "the wall got the view's summaries after watching");
        return new WatchedBranch(client, id, wall);
    }

    public async ValueTask DisposeAsync()
    {
        await Wall.DisposeAsync();
        Client.Dispose();
    }
}
