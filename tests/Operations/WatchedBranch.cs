using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Operations;

/// <summary>A new branch under the root with a task <c>t1</c>, and a wall watching the root at depth 1.</summary>
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
        // The branch's own creation may reach this host after the watch: the wall then gets
        // "structure" instead (its republished summary may go with the old shape) and, as the wall
        // page does, watches again; a new task then proves the feed sends the branch's changes.
        var shapes = 0;
        await Eventually.True(async () =>
        {
            if (wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == id)) return true;
            var seen = wall.Received.Count(r => r.Method == "structure");
            if (seen == shapes) return false;
            shapes = seen;
            await wall.Watch(ApiApp.Root, 1);
            await client.CreateTask(id, $"after-shape-{seen}");
            return false;
        }, "the wall got the view's summaries after watching");
        return new WatchedBranch(client, id, wall);
    }

    public async ValueTask DisposeAsync()
    {
        await Wall.DisposeAsync();
        Client.Dispose();
    }
}
