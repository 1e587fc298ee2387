using System.Net;
using System.Net.Http.Json;
using Cascade.Inspections;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Inspections;

/// <summary>
/// A capture that had not finished when the product stopped is finished by the next start's
/// start-up pass, with no request touching it (docs/architecture.md "Inspections").
/// </summary>
public sealed class InspectionRestartTests
{
    /// <summary>The product on <paramref name="path"/>; with <paramref name="stuck"/>, its store never takes a unit's row (a capture cannot end).</summary>
    private sealed class Product(string path, bool stuck) : ApiApp(new() { ["Cascade:Storage:Sqlite:Path"] = path })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (stuck) builder.ConfigureServices(services => services.AddSingleton<IInspectionStore>(sp => new Stuck(
                new SqliteInspectionStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<FrozenCodec>()))));
        }
    }

    private sealed class Stuck(IInspectionStore inner) : IInspectionStore
    {
        public Task AddHeader(InspectionHeader header) => inner.AddHeader(header);
        public Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows) => throw new IOException("The disk is full.");
        public Task Seal(string inspectionId, DateTimeOffset capturedAt) => inner.Seal(inspectionId, capturedAt);
        public Task<InspectionHeader?> Header(string inspectionId) => inner.Header(inspectionId);
        public Task<IReadOnlyList<InspectionHeader>> Headers() => inner.Headers();
        public Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth) => inner.Rows(inspectionId, from, to, maxDepth);
        public Task<FrozenUnit?> Row(string inspectionId, string unitId) => inner.Row(inspectionId, unitId);
        public Task<UnitSnapshot?> Work(string inspectionId, string unitId) => inner.Work(inspectionId, unitId);
    }

    [Fact]
    public async Task An_unfinished_capture_is_finished_by_the_next_start()
    {
        using var folder = new TempDirectory();
        var path = folder.File("cascade.db");
        var id = Api.Id("dc");
        await using (var first = new Product(path, stuck: true))
        {
            var client = await first.Client();
            await client.CreateUnit("jgdw", kind: "organCommittee", name: "机关党委");
            await client.CreateTask("jgdw", "t1");
            await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, "jgdw"))).Expect(HttpStatusCode.Accepted);
            await Task.Delay(200);
            var header = await (await client.GetAsync($"{Inspect.Route}/{id}")).Expect(HttpStatusCode.OK);
            Assert.Equal("capturing", header.GetProperty("state").GetString());
        }

        await using var second = new Product(path, stuck: false);
        var again = second.CreateClient(); // no request to the inspection until it is captured
        await Eventually.True(async () =>
            (await (await again.GetAsync($"{Inspect.Route}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("state").GetString() == "captured",
            "the start-up pass finished the capture", TimeSpan.FromSeconds(60));
        var tasks = await (await again.GetAsync($"{Inspect.Route}/{id}/units/jgdw/tasks")).Expect(HttpStatusCode.OK);
        Assert.Equal("t1", Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetString());
    }
}
