using System.Net.Http.Json;
using System.Text.Json;
using Cascade.History;
using Cascade.Rollup;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Units;
using Cascade.Web.Demo;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.E2E;

/// <summary>
/// The demo department with 89 days of history before today, written into its SQLite file
/// through the product's own history store before the product starts: every unit but
/// 离退休干部党支部 (<see cref="WithoutHistory"/>) has a point on each of those days except every
/// 20th (a day Cascade was down), with figures from <see cref="Figures"/>, so a test knows
/// what each day held. A kiosk link shows the department's wall to depth 2.
/// </summary>
public sealed class TrendServer : IAsyncLifetime
{
    public const string WithoutHistory = "ltx";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly TempDirectory _folder = new();
    public WebProcess Web { get; private set; } = null!;
    public string Kiosk { get; private set; } = "";

    /// <summary>The department's today, as the product sees it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime);

    /// <summary>Whether <paramref name="ago"/> days before today has a point (1 to 89, not every 20th).</summary>
    public static bool HasPoint(int ago) => ago is >= 1 and <= 89 && ago % 20 != 7;

    /// <summary>The figures of the unit at <paramref name="index"/> (in <see cref="DemoOrganization.Units"/>' order) <paramref name="ago"/> days before today.</summary>
    public static PointFigures Figures(int index, int ago)
    {
        var t = 89 - ago;
        var progress = Math.Round(0.05 + t * 0.005 + index * 0.01, 4);
        var expected = Math.Round(0.1 + t * 0.006, 4);
        var overdue = index % 3 + (ago < 30 ? 1 : 0);
        var count = 10 + index + t / 30;
        var done = t / 10;
        var blocked = index % 2 == 0 && ago < 45 ? 1 : 0;
        var health = overdue > 1 ? Health.Red : overdue > 0 ? Health.Amber : Health.Green;
        return new PointFigures(health, Math.Round(expected - progress, 4), 0, count, done, overdue, blocked, 0,
            new TrackPoint(progress, expected), new TrackPoint(progress, expected), new TrackPoint(progress, expected));
    }

    public static IReadOnlyList<UnitDraft> Units => DemoOrganization.Units();

    public async Task InitializeAsync()
    {
        var database = _folder.File("cascade.db");
        using (var sqlite = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = database })))
        {
            var store = new SqliteHistoryStore(sqlite);
            var depth = new Dictionary<string, int>();
            for (var ago = 89; ago >= 1; ago--)
            {
                if (!HasPoint(ago)) continue;
                var day = Today.AddDays(-ago);
                var points = new List<HistoryPoint>();
                for (var i = 0; i < Units.Count; i++)
                {
                    var unit = Units[i];
                    if (unit.Id == WithoutHistory) continue;
                    depth[unit.Id] = unit.ParentId is null ? 0 : depth[unit.ParentId] + 1;
                    points.Add(new HistoryPoint(day, unit.Id, unit.ParentId, unit.Name, unit.Kind, depth[unit.Id], Figures(i, ago)));
                }
                await store.Append(points);
            }
        }
        Web = await WebProcess.StartAsync(_folder.Path, database, "--Cascade:Demo:Seed=true");
        var response = await Web.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = DemoOrganization.RootId, depth = 2 });
        response.EnsureSuccessStatusCode();
        Kiosk = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public string Url(string path) => new Uri(Web.Address, path).ToString();

    public async Task DisposeAsync()
    {
        if (Web is not null) await Web.DisposeAsync();
        _folder.Dispose();
    }
}
