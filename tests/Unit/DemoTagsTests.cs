using Cascade.Tasks;
using Cascade.Web.Demo;

namespace Cascade.Tests.Unit;

/// <summary>The demo department labels what its work answers to: 效能目标考核, 四强 and each branch's brand.</summary>
public sealed class DemoTagsTests
{
    private static readonly Dictionary<string, IReadOnlyList<TaskDraft>> Tasks = DemoOrganization.Tasks(new DateOnly(2026, 12, 6));

    [Fact]
    public void Every_demo_label_keeps_the_task_rules_and_the_assessment_items_and_brands_are_labelled()
    {
        foreach (var task in Tasks.Values.SelectMany(t => t))
            Assert.Null(TaskRules.CheckTags(task.Tags ?? []));
        Assert.All(Tasks.Values.SelectMany(t => t).Where(t => t.Id == "xnkh"), t => Assert.Contains("效能目标考核", t.Tags!));
        var brand = Tasks["gxjs"].SingleOrDefault(t => t.Id == "pp");
        if (brand is not null) Assert.Equal(["四强", "锐科技·心服务"], brand.Tags!);
        Assert.Contains(Tasks.Values.SelectMany(t => t), t => t.Tags?.Contains("四强") == true);
    }
}
