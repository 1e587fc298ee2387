using System.Text;
using Cascade.Notifications;
using Cascade.Notifications.Text;

namespace Cascade.Tests.Notifications;

/// <summary>The words of a message (NotifyText): each item's event, severity, unit path, rule, figures and ledger link, in Chinese or English; at most 20 lines; markup people typed stays text.</summary>
public sealed class NotifyTextTests
{
    [Fact]
    public void A_chinese_item_names_the_unit_path_the_rule_the_figures_the_event_and_the_ledger()
    {
        var content = NotifyText.Of(Messages.Grouped(), Messages.Text.PublicUrl, Messages.Text.Zone);
        Assert.Equal("【红】Cascade 预警 · 第一党支部（1 条）", content.Title);
        var plain = content.Plain();
        Assert.Contains("[红 · 触发] 市委 / 机关党委 / 第一党支部 — 任务逾期：任务「主题党日」已逾期（截止 2026-02-28）", plain);
        Assert.Contains("在督办台账中查看：https://cascade.example.gov.cn/app/alerts?unit=b1&alert=b1.1", plain);
        Assert.Contains("由 Cascade 系统自动发送。", plain);
        var markdown = content.Markdown();
        Assert.Contains("- **红 · 触发** 市委 / 机关党委 / 第一党支部 — 任务逾期：任务「主题党日」已逾期（截止 2026-02-28） [在督办台账中查看](https://cascade.example.gov.cn/app/alerts?unit=b1&alert=b1.1)", markdown);
        Assert.Contains("<a href=\"https://cascade.example.gov.cn/app/alerts?unit=b1&amp;alert=b1.1\">在督办台账中查看</a>", content.Html());
    }

    [Fact]
    public void An_english_route_gets_the_screens_english_words()
    {
        var content = NotifyText.Of(Messages.Grouped("en", Messages.Behind(), Messages.Overdue(kind: NotifyEventKind.Resolved)), null, Messages.Text.Zone);
        Assert.Equal("[red] Cascade alerts · 第二党支部 (2)", content.Title);
        var plain = content.Plain();
        Assert.Contains("[amber · escalated] 市委 / 第二党支部 — Behind expected progress: 第二党支部 is behind its expected progress", plain);
        Assert.Contains("[red · resolved] 市委 / 机关党委 / 第一党支部 — Task overdue: Task “主题党日” is overdue (due 2026-02-28)", plain);
        Assert.Contains("Open in the alert ledger: https://", plain);
        Assert.Contains("Sent automatically by the Cascade system.", plain);
        Assert.DoesNotContain("系统", plain);
    }

    [Fact]
    public void A_digest_of_many_items_shows_twenty_and_says_how_many_more()
    {
        var items = Enumerable.Range(1, 27).Select(n => Messages.Overdue($"任务{n}", n: n)).ToArray();
        var zh = NotifyText.Of(Messages.Grouped("zh", items) with { Kind = NotifyMessageKind.Digest }, null, Messages.Text.Zone);
        Assert.Equal(20, zh.Lines.Count);
        Assert.Equal("Cascade 预警日报 2026-03-02（27 条）", zh.Title);
        Assert.Contains("另有 7 条", zh.Plain());
        Assert.Contains("任务20", zh.Plain());
        Assert.DoesNotContain("任务21", zh.Plain());
        var en = NotifyText.Of(Messages.Grouped("en", items) with { Kind = NotifyMessageKind.Digest }, null, Messages.Text.Zone);
        Assert.Contains("7 more", en.Markdown());
    }

    [Fact]
    public void Markdown_fits_a_byte_budget_by_leaving_lines_out_and_counting_them()
    {
        var items = Enumerable.Range(1, 20).Select(n => Messages.Overdue(new string('长', 100) + n, n: n)).ToArray();
        var content = NotifyText.Of(Messages.Grouped("zh", items), null, Messages.Text.Zone);
        var full = content.Markdown();
        Assert.True(Encoding.UTF8.GetByteCount(full) > 4096);
        var fitted = content.Markdown(4096);
        Assert.True(Encoding.UTF8.GetByteCount(fitted) <= 4096);
        var kept = fitted.Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal));
        Assert.InRange(kept, 1, 19);
        Assert.Contains($"另有 {20 - kept} 条", fitted);

        // One line longer than the whole budget is cut, not dropped.
        var huge = NotifyText.Of(Messages.Grouped("zh", Messages.Overdue(new string('长', 3000))), null, Messages.Text.Zone).Markdown(4096);
        Assert.True(Encoding.UTF8.GetByteCount(huge) <= 4096);
        Assert.Contains("- **红 · 触发** 市委", huge);
        Assert.Contains("…", huge);
    }

    [Fact]
    public void What_people_typed_cannot_add_links_mentions_or_html()
    {
        var content = NotifyText.Of(Messages.Grouped("zh", Messages.Overdue("<@all> [点我](http://evil.example) **<b>x</b>**")), null, Messages.Text.Zone);
        var markdown = content.Markdown();
        Assert.DoesNotContain("<@all>", markdown);
        Assert.DoesNotContain("[点我](http", markdown);
        Assert.Contains("＜@all＞ \\[点我\\](http://evil.example) \\*\\*＜b＞x＜/b＞\\*\\*", markdown);
        var html = content.Html();
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }

    [Fact]
    public void A_test_message_says_it_is_a_test_from_cascade_with_its_address()
    {
        var zh = NotifyText.Of(Messages.Test(), "https://cascade.example.gov.cn", Messages.Text.Zone);
        Assert.Equal("Cascade 测试消息", zh.Title);
        Assert.Equal("这是 Cascade（https://cascade.example.gov.cn）发出的测试消息：收到即说明此通道可用。", Assert.Single(zh.Lines).Plain());
        var en = NotifyText.Of(Messages.Test("en"), null, Messages.Text.Zone);
        Assert.Contains("This is a test message from Cascade", en.Markdown());
    }
}
