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

/// <summary>The report of an inspection still capturing is 409 (docs/api.md "Inspections"): its figures are not complete yet.</summary>
public sealed class InspectionReportCapturingTests(InspectionReportCapturingTests.App app) : IClassFixture<InspectionReportCapturingTests.App>
{
    /// <summary>A product whose store never takes a unit's row: a capture cannot end.</summary>
    public sealed class App : ApiApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInspectionStore>(sp => new Stuck(
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
    public async Task The_report_of_an_inspection_still_capturing_is_409()
    {
        var client = await app.Client();
        var committee = Api.Id("rc");
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await client.CreateTask(committee, "t1");
        var id = Api.Id("dc");
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee))).Expect(HttpStatusCode.Accepted);
        await (await client.GetAsync($"{Inspect.Route}/{id}/report.xlsx")).Problem(HttpStatusCode.Conflict);
        await (await client.GetAsync($"{Inspect.Route}/{id}/report.xlsx?depth=99")).Problem(HttpStatusCode.Conflict);
    }
}
