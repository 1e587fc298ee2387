using System.Globalization;
using System.Text;
using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Identity;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Xunit.Abstractions;

namespace Cascade.Tests.Grains;

/// <summary>
/// The largest states at province scale, measured through the Azure Table provider's own
/// serializer and written through the provider to Azurite: each must stay well under the ~960 KB
/// an entity holds (at most half of it). Text is made of the domain's words in random order, so it
/// compresses like real titles and notes, not like one string repeated.
/// </summary>
public sealed class StateSizeTests(AzureTableGrainCluster cluster, ITestOutputHelper output) : IClassFixture<AzureTableGrainCluster>
{
    private const int WellUnder = 480 * 1024;
    private static readonly DateTimeOffset Now = GrainCluster.Start;
    private static readonly string[] Words =
    [
        "党支部", "党组", "机关党委", "组织生活会", "民主评议", "主题党日", "三会一课", "理论学习", "中心组", "专题研讨",
        "调研", "方案", "起草", "征求意见", "审议", "印发", "落实", "督查", "整改", "台账", "第一季度", "第二季度", "第三季度",
        "第四季度", "科技创新", "项目申报", "重点研发", "成果转化", "高新技术企业", "创新平台", "人才引进", "科技特派员",
        "经费", "预算", "绩效评价", "验收", "检查", "考核", "述职", "党建品牌", "双轮驱动", "业务工作", "融合", "推进会",
        "已完成", "进行中", "预计", "月底前", "提交", "报送", "各处室", "基层", "服务", "联系点", "谈心谈话", "廉政", "警示教育",
        "2026年", "，", "。", "；", "和", "及", "的", "关于", "工作", "情况", "报告", "通知", "安排", "部署", "总结",
    ];

    private readonly Random _random = new(2026);

    private string Text(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length) text.Append(Words[_random.Next(Words.Length)]);
        return text.ToString(0, length);
    }

    private string Id(string prefix, int i) => $"{prefix}-{i.ToString("D6", CultureInfo.InvariantCulture)}";

    private TaskItem Task(int i) => new()
    {
        Id = "t-" + Text(1).GetHashCode().ToString("x8", CultureInfo.InvariantCulture) + i.ToString("x2", CultureInfo.InvariantCulture),
        Title = Text(20 + _random.Next(20)), Track = i % 2 == 0 ? Track.Party : Track.Business, Weight = 1 + i % 5,
        Start = new DateOnly(2026, 1, 1), Due = new DateOnly(2026, 3, 31).AddDays(i % 200), Status = TaskItemStatus.InProgress,
        Progress = i % 100, Note = Text(40 + _random.Next(60)), Version = 1 + i % 30, UpdatedAt = Now.AddMinutes(-i),
        UpdatedBy = Id("editor", i % 40), DirectiveId = i % 3 == 0 ? Id("directive", i % 50) : null,
    };

    /// <summary>As the unit makes them: the figures its sentence names (the task's title and due date), not the sentence.</summary>
    private static Alert AlertOn(string unitId, long n, TaskItem task, string rule, string? escalatedTo = null) =>
        new($"{unitId}.{n}", rule, rule == "taskOverdue" ? AlertSeverity.Red : AlertSeverity.Amber, unitId, task.Id, AlertState.Firing,
            null, Now.AddDays(-3), Now.AddDays(-3), EscalationLevel: escalatedTo is null ? 0 : 1, EscalatedToUnitId: escalatedTo,
            Figures: new AlertFigures(task.Title, task.Due));

    private static AuditEntry Entry(AuditChainHead head, string unitId, string action, string? taskId, string? before, string? after) =>
        head.Link(new AuditDraft(null, unitId, Now, "editor-000001", action, unitId, taskId, before, after), Audit.TestKeys.Sha256);

    /// <summary>
    /// A unit at its limit of 2,000 tasks where every task is overdue and a third are stale too (an
    /// alert each, quoting the title), with 50 resolved alerts, 500 alerts of units below that climbed
    /// here, and an outbox of undelivered audit entries: the import of its 2,000 tasks and 50 updates.
    /// </summary>
    [Fact]
    public async Task A_unit_with_its_2000_tasks_their_alerts_and_audit_entries_stays_well_under_the_entity_limit()
    {
        const string unitId = "gxjs-dzb-000001";
        var tasks = Enumerable.Range(0, TaskRules.MaxTasksPerUnit).Select(Task).ToList();
        var book = new AlertBook();
        foreach (var task in tasks)
        {
            book.Open.Add(AlertOn(unitId, ++book.Raised, task, "taskOverdue"));
            if (book.Raised % 3 == 0) book.Open.Add(AlertOn(unitId, ++book.Raised, task, "taskStale"));
        }
        book.Resolved.AddRange(book.Open.Take(AlertBook.ResolvedKept).Select(a => a with { State = AlertState.Resolved, ResolvedAt = Now }));
        foreach (var i in Enumerable.Range(0, 500))
        {
            var below = Task(i);
            var alert = AlertOn(Id("branch", i), i, below, "taskOverdue", unitId);
            book.EscalatedHere[alert.Id] = alert;
        }
        var head = AuditChainHead.Empty;
        var audit = new List<AuditEntry> { Entry(head, unitId, AuditActions.TaskImport, null, null, TaskSnapshots.Import(tasks)) };
        for (var i = 0; i < 50; i++)
        {
            head = AuditChainHead.Of(audit[^1]);
            audit.Add(Entry(head, unitId, AuditActions.TaskUpdate, tasks[i].Id, TaskSnapshots.Task(unitId, tasks[i]),
                TaskSnapshots.Task(unitId, tasks[i] with { Progress = 100, Status = TaskItemStatus.Done })));
        }
        var state = new UnitState
        {
            Info = new UnitInfo(unitId, "jgdw", "宁夏回族自治区科学技术厅高新技术发展处党支部", UnitKind.Branch),
            Tasks = tasks, Alerts = book, Audit = audit, AuditHead = AuditChainHead.Of(audit[^1]),
        };
        await AssertWellUnder("unit: 2,000 tasks, 2,667 open alerts, 500 climbed here, 51 audit entries", state);
    }

    /// <summary>
    /// A partition of the open-alert index when the province has 50,000 open alerts (ten times the
    /// ledger's goal) over its 32 partitions: a third acknowledged with a note and a name, most climbed.
    /// </summary>
    [Fact]
    public async Task An_index_partition_with_its_share_of_50000_open_alerts_stays_well_under_the_entity_limit()
    {
        var state = new AlertIndexState();
        for (var i = 0; i < 50_000 / AlertIndexPartitions.Count; i++)
        {
            var unitId = Id("branch", i * 7);
            var alert = AlertOn(unitId, i, Task(i), i % 2 == 0 ? "taskOverdue" : "taskStale", i % 4 == 0 ? null : Id("county", i % 300));
            if (i % 3 == 0) alert = alert with { State = AlertState.Acknowledged, AcknowledgedAt = Now, AcknowledgedBy = Id("editor", i % 40),
                AcknowledgedByName = Text(6), Note = Text(40 + _random.Next(60)) };
            state.Open[alert.Id] = alert;
            state.Versions[unitId] = 1_780_000_000_000 + i;
        }
        await AssertWellUnder($"alert index partition: {state.Open.Count:N0} open alerts", state);
    }

    [Fact]
    public async Task A_unit_with_5000_children_stays_well_under_the_entity_limit()
    {
        var state = new UnitState
        {
            Info = new UnitInfo("kjt", null, "宁夏回族自治区科学技术厅", UnitKind.PartyGroup),
            Children = Enumerable.Range(0, UnitRules.MaxChildren).Select(i => $"{Text(1).GetHashCode():x8}-{Id("branch", i)}").ToList(),
        };
        await AssertWellUnder("unit: 5,000 children", state);
    }

    /// <summary>
    /// The organization grain keeps its directory of 100,000 units in memory; what it stores is the
    /// root and the change under way, at most one import batch (the benchmark's: 2,000 units).
    /// </summary>
    [Fact]
    public async Task The_organization_of_100000_units_stays_well_under_the_entity_limit()
    {
        var state = new OrganizationState
        {
            RootId = "kjt",
            Pending = Enumerable.Range(0, 2000).Select(i => new StructureChange(StructureChangeKind.Create,
                new UnitInfo($"{Id("unit", 98_000 + i)}", Id("unit", 90_000 + i / 20), Text(10 + _random.Next(20)), UnitKind.Branch, i),
                null, new AuditStamp("admin", Now))).ToList(),
        };
        await AssertWellUnder("organization: root and an import batch of 2,000 units", state);
    }

    /// <summary>One editor per unit at province scale: the user directory holds 100,000 usernames.</summary>
    [Fact]
    public async Task The_directory_of_100000_usernames_stays_under_the_entity_limit()
    {
        var state = new NameIndexState();
        string[] surnames = ["zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu", "ma", "sun", "hu", "guo", "he"];
        while (state.Names.Count < 100_000)
            state.Names.Add($"{surnames[_random.Next(surnames.Length)]}{(char)('a' + _random.Next(26))}{(char)('a' + _random.Next(26))}{_random.Next(10_000)}");
        await AssertWellUnder("user directory: 100,000 usernames", state);
    }

    private async Task AssertWellUnder<T>(string what, T state)
    {
        var options = cluster.SiloServices.GetRequiredService<IOptionsMonitor<Orleans.Configuration.AzureTableStorageOptions>>().Get(StorageNames.Default);
        var stored = options.GrainStorageSerializer.Serialize(state).ToMemory().Length;
        var plain = new OrleansGrainStorageSerializer(cluster.SiloServices.GetRequiredService<Orleans.Serialization.Serializer>()).Serialize(state).ToMemory().Length;
        output.WriteLine($"{what}: {stored / 1024.0:F0} KB stored ({plain / 1024.0:F0} KB before compression)");
        Assert.True(stored < WellUnder, $"{what}: {stored} bytes stored, over {WellUnder}");

        // The provider itself takes it, and gives it back.
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        Assert.Equal("AzureTableGrainStorage", storage.GetType().Name);
        var grainId = GrainId.Create("size-test", Guid.NewGuid().ToString("N"));
        var grainState = new GrainState<T>(state);
        await storage.WriteStateAsync("size", grainId, grainState);
        var read = new GrainState<T>();
        await storage.ReadStateAsync("size", grainId, read);
        Assert.Equal(plain, new OrleansGrainStorageSerializer(cluster.SiloServices.GetRequiredService<Orleans.Serialization.Serializer>()).Serialize(read.State).ToMemory().Length);
    }
}
