using Cascade.Directives;
using Cascade.Hosting;
using Cascade.Schedules;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Cascade.Tests.Schedules;

/// <summary>
/// Duties come round by themselves (docs/domain.md "Schedules"): two nodes on one store, the
/// domain clock moved through 14 months from 2026-06-15 (one step skipping January 2027, as if down
/// all month), a monthly, a quarterly, a half-yearly and
/// a yearly schedule for four branches. The whole cluster is stopped right at two period changes
/// (so a turn is cut off midway) and started again on the same store, and a node is replaced at a third. Afterwards every branch holds, for every schedule, exactly one
/// instance of every period the clock passed through (the first included), none twice, none
/// missing, none for a period the clock never stood in.
/// </summary>
public sealed class ScheduleClockTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _domain = new(GrainCluster.Start);
    private InProcessTestCluster _cluster = null!;
    private static readonly string[] Branches = ["b1", "b2", "b3", "b4"];
    private static readonly (string Id, Cadence Every, int DueDay)[] Schedules =
        [("zbwyh", Cadence.Month, 0), ("dydh", Cadence.Quarter, 15), ("bn", Cadence.HalfYear, 0), ("nd", Cadence.Year, 31)];

    public Task InitializeAsync() => StartCluster();

    private async Task StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, _domain);
            silo.AddCascadeGrains(StorageOptions.Sqlite);
            silo.Services.Configure<SqliteStorageOptions>(o => o.Path = _folder.File("cascade.db"));
            silo.Services.Configure<DirectiveOptions>(o => o.ScheduleCheck = TimeSpan.FromMilliseconds(100));
            // A call that waits behind grains still starting after a restart gives up after 5 s, not 30, and is asked again.
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _folder.Dispose();
    }

    private IGrainFactory Grains => _cluster.Client;

    [Fact]
    public async Task Fourteen_months_give_exactly_one_instance_per_branch_schedule_and_period_across_node_kills()
    {
        var organization = Grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        Assert.True((await organization.CreateUnit(new UnitDraft("r", null, "党组", UnitKind.PartyGroup), "tester")).Succeeded);
        Assert.True((await organization.CreateUnit(new UnitDraft("c", "r", "机关党委", UnitKind.OrganCommittee), "tester")).Succeeded);
        foreach (var b in Branches) Assert.True((await organization.CreateUnit(new UnitDraft(b, "c", $"{b}党支部", UnitKind.Branch), "tester")).Succeeded);
        foreach (var (id, every, dueDay) in Schedules)
        {
            var recurrence = new Recurrence { Every = every, DueDay = dueDay, From = Period.Of(every, Today()).Name, Under = "c", Kinds = [UnitKind.Branch] };
            var draft = new DirectiveDraft(id, "c", id, Track.Party, 1, default, default, "", null, Expectation.AtDue, recurrence);
            var created = await Grains.GetGrain<IDirectiveGrain>(id).Create(draft, Branches, "tester", null, 500);
            Assert.True(created.Succeeded, created.Detail);
        }

        var passed = Schedules.ToDictionary(s => s.Id, _ => new List<string>());
        for (var month = 0; month <= 14; month++)
        {
            var today = Today();
            foreach (var (id, every, _) in Schedules)
                if (!passed[id].Contains(Period.Of(every, today).Name)) passed[id].Add(Period.Of(every, today).Name);
            await Eventually.True(() => AllPresent(today), $"every instance of the periods holding {today} exists", TimeSpan.FromSeconds(90), () => _missing);
            if (month == 14) break;
            // To 00:30 local time on the next month's first day: a period change for at least the monthly
            // schedule. Once, two months at a stroke, as if Cascade were down all January: no January instance.
            var next = new DateOnly(today.Year, today.Month, 1).AddMonths(month == 6 ? 2 : 1);
            _domain.SetUtcNow(new DateTimeOffset(next.ToDateTime(new TimeOnly(0, 30)), Zone.BaseUtcOffset).ToUniversalTime());
            if (month is 3 or 8) await Restart(month == 8 ? TimeSpan.FromMilliseconds(30) : TimeSpan.Zero);
            if (month == 11) await Replace();
        }

        foreach (var branch in Branches)
        {
            var tasks = await Grains.GetGrain<IUnitGrain>(branch).GetTasks() ?? [];
            foreach (var (id, _, _) in Schedules)
            {
                var held = tasks.Where(t => t.ScheduleId == id).Select(t => t.Period!).ToList();
                Assert.Equal(held.Count, held.Distinct().Count()); // none twice
                Assert.Equal(passed[id].Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal)); // none missing, none extra
                Assert.All(tasks.Where(t => t.ScheduleId == id), t => Assert.Equal($"{id}-{t.Period}", t.Id));
            }
        }
        output.WriteLine(string.Join("; ", passed.Select(p => $"{p.Key}: {string.Join(",", p.Value)}")));
        Assert.Equal(15, passed["zbwyh"].Count);
        Assert.DoesNotContain("2027-01", passed["zbwyh"]);
        Assert.Equal(["2026-q2", "2026-q3", "2026-q4", "2027-q1", "2027-q2", "2027-q3"], passed["dydh"]);
        Assert.Equal(["2026", "2027"], passed["nd"]);
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_domain.GetUtcNow(), Zone).DateTime);

    private string _missing = "";

    /// <summary>A call that reaches a grain of the node just killed fails until the cluster has declared it dead: not yet.</summary>
    private async Task<bool> AllPresent(DateOnly today)
    {
        try
        {
            return await Present(today);
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException or OrleansException)
        {
            _missing = error.Message;
            return false;
        }
    }

    private async Task<bool> Present(DateOnly today)
    {
        var missing = new List<string>();
        foreach (var branch in Branches)
        foreach (var (id, every, _) in Schedules)
            if (!(await Grains.GetGrain<IUnitGrain>(branch).GetTask($"{id}-{Period.Of(every, today).Name}")).Succeeded) missing.Add($"{branch}/{id}-{Period.Of(every, today).Name}");
        var schedules = await Task.WhenAll(Schedules.Select(s => Grains.GetGrain<IDirectiveGrain>(s.Id).Get()));
        _missing = $"missing: {string.Join(", ", missing)}; schedules: "
            + string.Join("; ", schedules.Select(v => $"{v?.Directive.Id} {v?.Directive.Recurrence?.Current} v{v?.Directive.Version} {v?.Directive.State}"));
        return missing.Count == 0;
    }

    /// <summary>
    /// Both nodes stop at (or just after) a period change, and the cluster starts again on the same
    /// store: the turn under way goes on. (In-process nodes share one SQLite file, so they stop rather
    /// than die here; the kill -9 of a whole process mid fan-out is DirectiveResumeTests'.)
    /// </summary>
    private async Task Restart(TimeSpan after)
    {
        if (after > TimeSpan.Zero) await Task.Delay(after);
        await _cluster.DisposeAsync();
        await StartCluster();
    }

    /// <summary>One node leaves at a period change and another joins: grains move between nodes while schedules turn.</summary>
    private async Task Replace()
    {
        await _cluster.StopSiloAsync(_cluster.Silos[^1]);
        await _cluster.StartAdditionalSiloAsync();
    }
}
