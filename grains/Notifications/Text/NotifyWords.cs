using System.Globalization;
using Cascade.Alerts;

namespace Cascade.Notifications.Text;

/// <summary>
/// Every word a notification says, Chinese first and English for routes with <c>Language: en</c>.
/// The rules' words are the screens' (web/wwwroot/wall/i18n.js: <c>rules</c> and the sentences
/// made from an alert's figures; the Chinese sentence is <see cref="AlertText"/>'s).
/// </summary>
public sealed class NotifyWords
{
    public static readonly NotifyWords Chinese = new(english: false);
    public static readonly NotifyWords English = new(english: true);

    private readonly bool _english;

    private NotifyWords(bool english) => _english = english;

    /// <summary>The words of a route's <c>Language</c>: <c>en</c> is English, anything else Chinese.</summary>
    public static NotifyWords Of(string? language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public string Severity(AlertSeverity severity) => (severity, _english) switch
    {
        (AlertSeverity.Red, false) => "红",
        (AlertSeverity.Red, true) => "red",
        (_, false) => "黄",
        _ => "amber",
    };

    public string Event(NotifyEventKind kind) => (kind, _english) switch
    {
        (NotifyEventKind.Fired, false) => "触发",
        (NotifyEventKind.Escalated, false) => "升级",
        (NotifyEventKind.Resolved, false) => "解除",
        (NotifyEventKind.Fired, true) => "fired",
        (NotifyEventKind.Escalated, true) => "escalated",
        _ => "resolved",
    };

    /// <summary>The rule's name in words, as the wall's legend and the ledger's filter say it.</summary>
    public string Rule(string rule) => (rule, _english) switch
    {
        ("taskOverdue", false) => "任务逾期",
        ("taskBlocked", false) => "任务受阻",
        ("taskStale", false) => "任务久未更新",
        ("unitBehind", false) => "进度落后于应达",
        ("unitImbalance", false) => "党建与业务脱节",
        ("taskOverdue", true) => "Task overdue",
        ("taskBlocked", true) => "Task blocked",
        ("taskStale", true) => "Task not updated",
        ("unitBehind", true) => "Behind expected progress",
        ("unitImbalance", true) => "Party and business drifting apart",
        _ => rule,
    };

    /// <summary>
    /// The alert's sentence with its figures (the task's title and due date, or the unit's name);
    /// an alert stored before figures says what it was stored with, or the rule.
    /// </summary>
    public string Sentence(Alert alert)
    {
        if (!_english) return AlertText.Chinese(alert);
        if (alert.Figures is not { } f) return Rule(alert.Rule);
        var due = f.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return alert.Rule switch
        {
            "taskOverdue" => $"Task “{f.Title}” is overdue (due {due})",
            "taskBlocked" => $"Task “{f.Title}” is blocked",
            "taskStale" => $"Task “{f.Title}” has not been updated for a long time",
            "unitBehind" => $"{f.Unit} is behind its expected progress",
            "unitImbalance" => $"{f.Unit}: party-building and business are drifting apart",
            _ => Rule(alert.Rule),
        };
    }

    public string Title(NotifyMessageKind kind, string? unit, int count, AlertSeverity worst, DateOnly day) => (kind, _english) switch
    {
        (NotifyMessageKind.Test, false) => "Cascade 测试消息",
        (NotifyMessageKind.Test, true) => "Cascade test message",
        (NotifyMessageKind.Digest, false) => $"Cascade 预警日报 {Day(day)}（{count} 条）",
        (NotifyMessageKind.Digest, true) => $"Cascade alert digest {Day(day)} ({count})",
        (_, false) => $"【{Severity(worst)}】Cascade 预警 · {unit}（{count} 条）",
        _ => $"[{Severity(worst)}] Cascade alerts · {unit} ({count})",
    };

    /// <summary>Between a label and what it names.</summary>
    public string Colon => _english ? ": " : "：";

    public string Ledger => _english ? "Open in the alert ledger" : "在督办台账中查看";

    public string More(int n) => _english ? $"{n} more" : $"另有 {n} 条";

    /// <summary>The test message's one line, with the address people reach Cascade at when it is known.</summary>
    public string Test(string? publicUrl) => (_english, publicUrl) switch
    {
        (false, null) => "这是 Cascade 发出的测试消息：收到即说明此通道可用。",
        (false, _) => $"这是 Cascade（{publicUrl}）发出的测试消息：收到即说明此通道可用。",
        (true, null) => "This is a test message from Cascade: if you can read it, this channel works.",
        _ => $"This is a test message from Cascade ({publicUrl}): if you can read it, this channel works.",
    };

    /// <summary>Who sends: the system, never a person.</summary>
    public string Footer => _english ? "Sent automatically by the Cascade system." : "由 Cascade 系统自动发送。";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
