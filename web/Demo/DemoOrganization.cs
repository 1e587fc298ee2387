using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Web.Demo;

/// <summary>
/// The demo department: 宁夏回族自治区科学技术厅 with its party group, organ committee and
/// 19 branches (as in the department's 2022 article on dual-wheel drive). Task dates are
/// relative to today, and each branch follows a pace, so the wall shows green, amber and red
/// units whatever day it starts (离退休干部党支部 has no tasks of its own, only the duties of
/// <see cref="DemoSchedules"/>).
/// </summary>
public static class DemoOrganization
{
    public const string RootId = "kjt";
    public const string CommitteeId = "jgdw";

    private enum Pace { OnTrack, Behind, Late, NoTasksYet }

    private sealed record Branch(string Id, string Name, UnitKind Kind, Pace Pace, string Speciality, string? Brand = null);

    private static readonly Branch[] Branches =
    [
        new("bgs", "办公室党支部", UnitKind.Branch, Pace.OnTrack, "机关效能建设和政务信息公开"),
        new("zcfg", "政策法规处党支部", UnitKind.Branch, Pace.OnTrack, "科技创新地方性法规和政策文件起草"),
        new("gxjs", "高新技术处党支部", UnitKind.Branch, Pace.Behind, "高新技术企业认定和培育", "锐科技·心服务"),
        new("ncjk", "农村科技处党支部", UnitKind.Branch, Pace.OnTrack, "农业科技园区建设和科技特派员服务", "科技使者特派员·星罗棋布领头雁"),
        new("shfz", "社会发展科技处党支部", UnitKind.Branch, Pace.Late, "社会发展领域科技项目验收"),
        new("cgzh", "成果转化与区域创新处党支部", UnitKind.Branch, Pace.OnTrack, "科技成果转化和东西部科技合作"),
        new("wgzj", "外国专家服务处党支部", UnitKind.Branch, Pace.OnTrack, "外国专家引进和服务"),
        new("jdpg", "监督评估与科研诚信处党支部", UnitKind.Branch, Pace.Behind, "科研诚信检查和项目绩效评估"),
        new("zlxx", "科技发展战略和信息研究所党总支", UnitKind.GeneralBranch, Pace.OnTrack, "科技发展战略研究和智慧党建信息平台"),
        new("zypz", "资源配置与管理处党支部", UnitKind.Branch, Pace.OnTrack, "科技计划项目和经费管理", "一强四抓"),
        new("jcyj", "基础研究处党支部", UnitKind.Branch, Pace.OnTrack, "自然科学基金和重点实验室建设"),
        new("kjhz", "对外科技合作处党支部", UnitKind.Branch, Pace.Behind, "对外科技交流合作项目"),
        new("rsc", "人事处党支部", UnitKind.Branch, Pace.OnTrack, "干部队伍建设和科技人才培养"),
        new("kjrc", "科技人才与科普处党支部", UnitKind.Branch, Pace.OnTrack, "科技人才引进和科普活动"),
        new("pgzx", "科技评估中心党支部", UnitKind.Branch, Pace.Late, "科技项目第三方评估"),
        new("fwzx", "科技发展服务中心党支部", UnitKind.Branch, Pace.OnTrack, "科技型中小企业服务"),
        new("sczx", "生产力促进中心党支部", UnitKind.Branch, Pace.Behind, "技术市场和技术合同登记"),
        new("xmgl", "科技项目管理中心党支部", UnitKind.Branch, Pace.OnTrack, "科技项目过程管理"),
        new("ltx", "离退休干部党支部", UnitKind.Branch, Pace.NoTasksYet, "离退休干部服务"),
    ];

    public static IReadOnlyList<UnitDraft> Units() =>
    [
        new(RootId, null, "宁夏回族自治区科学技术厅", UnitKind.PartyGroup),
        new(CommitteeId, RootId, "机关党委", UnitKind.OrganCommittee),
        .. Branches.Select((b, i) => new UnitDraft(b.Id, CommitteeId, b.Name, b.Kind, i + 1)),
    ];

    /// <summary>The branches that have work of their own (the demo's directives go to them).</summary>
    public static IReadOnlyList<string> ActiveBranchIds() => [.. Branches.Where(b => b.Pace != Pace.NoTasksYet).Select(b => b.Id)];

    /// <summary>A branch that finishes late (its work past due is not all done).</summary>
    public static bool IsLate(string id) => Branches.Any(b => b.Id == id && b.Pace == Pace.Late);

    /// <summary>A branch behind its plan (some of its work blocked).</summary>
    public static bool IsBehind(string id) => Branches.Any(b => b.Id == id && b.Pace == Pace.Behind);

    /// <summary>Every unit's tasks, for a department that starts today.</summary>
    public static Dictionary<string, IReadOnlyList<TaskDraft>> Tasks(DateOnly today)
    {
        var all = new Dictionary<string, IReadOnlyList<TaskDraft>>
        {
            [RootId] =
            [
                Make(today, "zt-qmcy", "履行全面从严治党主体责任", Track.Party, -330, 35, 3, Pace.OnTrack, 0),
                Make(today, "zt-cxgd", "打造科技创新高地年度重点任务", Track.Business, -330, 35, 3, Pace.OnTrack, 1),
            ],
            [CommitteeId] =
            [
                Make(today, "wy-dcjc", $"第{Quarter(today)}季度党建和业务工作督查检查", Track.Party, -50, 45, 2, Pace.OnTrack, 0),
                Make(today, "wy-hghj", "“互观互检”活动", Track.Party, -150, 190, 1, Pace.OnTrack, 1),
                Make(today, "wy-wxjg", "“五型”模范机关创建", Track.Business, -330, 35, 2, Pace.OnTrack, 2),
            ],
        };
        for (var b = 0; b < Branches.Length; b++)
        {
            var branch = Branches[b];
            if (branch.Pace == Pace.NoTasksYet) continue;
            var random = new Random(1000 + b);
            var templates = Templates(branch, today).OrderBy(_ => random.Next()).Take(8 + random.Next(8)).ToList();
            all[branch.Id] = templates.Select((t, i) => Make(today, t.Id, t.Title, t.Track, t.StartOffset, t.Days, t.Weight, branch.Pace, i + b) with { Tags = t.Tags }).ToList();
        }
        return all;
    }

    /// <summary>A branch task; <paramref name="Tags"/>: what the work answers to (docs/domain.md "Tasks").</summary>
    private sealed record Template(string Id, string Title, Track Track, int StartOffset, int Days, double Weight = 1, string[]? Tags = null);

    private const string Points = "区直机关党建要点";
    private const string Assessment = "效能目标考核";
    private const string FourStrong = "四强";

    private static IEnumerable<Template> Templates(Branch b, DateOnly today)
    {
        var month = today.Month;
        var previous = today.AddMonths(-1).Month;
        yield return new("shyk-prev", $"第{Quarter(today.AddMonths(-3))}季度“三会一课”", Track.Party, -140, 90, Tags: [Points]);
        yield return new("shyk", $"第{Quarter(today)}季度“三会一课”", Track.Party, -40, 80, Tags: [Points]);
        yield return new("ztdr-prev", $"{previous}月主题党日", Track.Party, -55, 30, Tags: [Points]);
        yield return new("ztdr", $"{month}月主题党日", Track.Party, -20, 35, Tags: [Points]);
        yield return new("dkjqy", "党课进企业", Track.Party, -60, 100);
        yield return new("zcbf", "驻村工作帮扶点同吃同住同劳动", Track.Party, -300, 330, 2, [FourStrong]);
        yield return new("lxlj", "与高校、科研院所联学联建", Track.Party, -120, 150, Tags: [FourStrong]);
        yield return new("szzz", "“说走就走”随机走访调研", Track.Party, -30, 60);
        yield return new("pp", b.Brand is null ? "支部特色品牌创建" : $"“{b.Brand}”支部品牌建设", Track.Party, -280, 320, 2,
            b.Brand is null ? [FourStrong] : [FourStrong, b.Brand]);
        yield return new("zcjd", "科技政策解读进园区", Track.Business, -45, 75);
        yield return new("xnkh", $"效能目标考核：{b.Speciality}", Track.Business, -320, 350, 3, [Assessment]);
        yield return new("dc", $"第{Quarter(today)}季度业务工作督查", Track.Business, -35, 70);
        yield return new("zx", b.Speciality, Track.Business, -200, 240, 2, [Assessment]);
        yield return new("zx-prev", $"上半年{b.Speciality}总结", Track.Business, -180, 60);
        yield return new("xs", "“大学习、大讨论、大宣传、大实践”活动", Track.Business, -100, 130);
    }

    public static string Quarter(DateOnly day) => "一二三四"[(day.Month - 1) / 3].ToString();

    /// <summary>A task whose progress follows the unit's pace against the time elapsed in its window.</summary>
    private static TaskDraft Make(DateOnly today, string id, string title, Track track, int startOffset, int days, double weight, Pace pace, int salt)
    {
        var start = today.AddDays(startOffset);
        var due = start.AddDays(days - 1);
        var expected = Math.Clamp((today.DayNumber - start.DayNumber) / (double)days, 0, 1);
        var wobble = (salt * 37 % 9) - 4; // a few points either way, stable per task
        var (status, progress) = pace switch
        {
            _ when expected <= 0 => (TaskItemStatus.NotStarted, 0),
            _ when expected >= 1 && pace != Pace.Late => (TaskItemStatus.Done, 100),
            _ when expected >= 1 => salt % 3 == 0 ? (TaskItemStatus.InProgress, 70 + wobble) : (TaskItemStatus.Done, 100),
            Pace.OnTrack => (TaskItemStatus.InProgress, Math.Clamp((int)(expected * 100) + 6 + wobble, 1, 99)),
            Pace.Behind => (salt % 5 == 0 ? TaskItemStatus.Blocked : TaskItemStatus.InProgress, Math.Clamp((int)(expected * 100) - 14 + wobble, 0, 99)),
            _ => (TaskItemStatus.InProgress, Math.Clamp((int)(expected * 100) - 30 + wobble, 0, 99)),
        };
        if (status == TaskItemStatus.InProgress && progress == 0) status = TaskItemStatus.NotStarted;
        return new TaskDraft
        {
            Id = id, Title = title, Track = track, Weight = weight, Start = start, Due = due,
            Status = status, Progress = progress,
        };
    }
}
