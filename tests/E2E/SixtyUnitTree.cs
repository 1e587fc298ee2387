using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.E2E;

/// <summary>
/// A 60-unit organization for the wall's layout tests: a 党组 at the root, four 党总支 and 55 党支部
/// under them, with names as long as a real provincial department's (up to 16 characters), and
/// tasks that make some branches red (overdue) and some amber (blocked).
/// </summary>
public static class SixtyUnitTree
{
    public const string Root = "t60";

    private static readonly string[] Groups = ["机关第一党总支", "机关第二党总支", "直属单位党总支", "离退休干部党总支"];

    private static readonly string[] Offices =
    [
        "办公室", "政策法规与改革处", "发展规划处", "财务与资产管理处", "人事处", "机关党委办公室", "基础研究与国际合作处",
        "高新技术发展处", "农村科技处", "社会发展科技处", "成果转化与区域创新处", "科技人才与科普处", "监督评估与科研诚信处",
        "外国专家服务处", "资源配置与管理处", "科技金融处", "实验室与平台建设处", "数字经济科技处",
        "科技评估中心", "科技发展服务中心", "生产力促进中心", "科技项目管理中心", "科技发展战略和信息研究所",
        "科技情报研究所", "技术市场服务中心", "科技馆", "科学技术协会", "知识产权保护中心", "创新创业服务中心",
        "科技档案馆", "重点实验室管理中心", "科普教育基地", "国际科技合作交流中心", "科技成果登记中心",
        "离退休第一", "离退休第二", "离退休第三", "老干部活动中心", "老年大学",
        "科技创新战略研究院", "新材料技术研究所", "生物技术研究中心", "现代农业科技示范园", "葡萄酒产业技术研究院",
        "枸杞产业技术创新中心", "煤化工技术研究院", "新能源技术研究所", "信息化建设中心", "科技投融资服务中心",
        "区域协同创新中心", "乡村振兴科技服务站", "科技特派员服务中心", "黄河流域生态保护研究中心", "科研诚信建设办公室",
        "科学仪器共享平台",
    ];

    /// <summary>Builds the tree through the API (admin client); answers the branch ids.</summary>
    public static async Task<IReadOnlyList<string>> BuildAsync(HttpClient admin)
    {
        await Post(admin, "/api/v1/units", new { id = Root, parentId = (string?)null, name = "自治区科学技术厅党组", kind = "partyGroup" });
        var branches = new List<string>();
        var perGroup = new[] { 18, 16, 11, 10 };
        var next = 0;
        for (var g = 0; g < Groups.Length; g++)
        {
            var group = $"g{g + 1}";
            await Post(admin, "/api/v1/units", new { id = group, parentId = Root, name = Groups[g], kind = "generalBranch", sort = g });
            for (var i = 0; i < perGroup[g]; i++, next++)
            {
                var id = $"b{next + 1:00}";
                await Post(admin, "/api/v1/units", new { id, parentId = group, name = $"{Offices[next]}党支部", kind = "branch", sort = i });
                branches.Add(id);
                await Post(admin, $"/api/v1/units/{id}/tasks", new { id = "p1", title = "三会一课", track = "party", start = "2026-01-01", due = "2026-12-31" });
                await Post(admin, $"/api/v1/units/{id}/tasks", new { id = "b1", title = "年度重点工作", track = "business", start = "2026-01-01", due = "2026-12-31" });
                if (next % 7 == 3) // red: a task long overdue
                    await Post(admin, $"/api/v1/units/{id}/tasks", new { id = "late", title = "上半年项目验收", track = "business", start = "2026-01-01", due = "2026-06-30" });
                if (next % 9 == 5) // amber at least: blocked
                {
                    await Post(admin, $"/api/v1/units/{id}/tasks", new { id = "stuck", title = "平台建设", track = "business", start = "2026-03-01", due = "2027-03-01" });
                    (await admin.PatchAsJsonAsync($"/api/v1/units/{id}/tasks/stuck", new { status = "blocked", progress = 20 })).EnsureSuccessStatusCode();
                }
                if (next % 3 != 0) // most report progress
                {
                    (await admin.PatchAsJsonAsync($"/api/v1/units/{id}/tasks/p1", new { status = "inProgress", progress = 90 })).EnsureSuccessStatusCode();
                    (await admin.PatchAsJsonAsync($"/api/v1/units/{id}/tasks/b1", new { status = "inProgress", progress = 85 })).EnsureSuccessStatusCode();
                }
            }
        }
        return branches;
    }

    private static async Task Post(HttpClient admin, string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
