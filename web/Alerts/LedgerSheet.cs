using System.Globalization;
using Cascade.Alerts;

namespace Cascade.Web.Alerts;

/// <summary>
/// The ledger's rows for the xlsx export, in the reader's language: the same words the ledger
/// page shows (web/wwwroot/wall/i18n.js), one column per field, times in the organization's zone.
/// </summary>
public sealed class LedgerSheet
{
    /// <summary>Column headings, in order: id, unit, unit id, rule, severity, state, message, since, fired, escalated to, level, acknowledged by, at, note, silenced until (docs/domain.md "Silences").</summary>
    public required string[] Headings { get; init; }
    public required IReadOnlyDictionary<string, string> Rules { get; init; }
    public required IReadOnlyDictionary<AlertSeverity, string> Severities { get; init; }
    public required IReadOnlyDictionary<AlertState, string> States { get; init; }
    public required Func<AlertDto, string> Message { get; init; }

    public static readonly LedgerSheet Chinese = new()
    {
        Headings = ["预警编号", "单位", "单位编号", "规则", "级别", "状态", "内容", "发生于", "发出于", "升级至", "督办级数", "确认人", "确认于", "处理意见", "静默至"],
        Rules = new Dictionary<string, string>
        {
            ["taskOverdue"] = "任务逾期", ["taskBlocked"] = "任务受阻", ["taskStale"] = "任务久未更新",
            ["unitBehind"] = "进度落后于应达", ["unitImbalance"] = "党建与业务脱节",
        },
        Severities = new Dictionary<AlertSeverity, string> { [AlertSeverity.Red] = "红色预警", [AlertSeverity.Amber] = "黄色预警" },
        States = new Dictionary<AlertState, string> { [AlertState.Firing] = "未确认", [AlertState.Acknowledged] = "已确认", [AlertState.Resolved] = "已解除" },
        Message = a => a.Message,
    };

    public static readonly LedgerSheet English = new()
    {
        Headings = ["Alert", "Unit", "Unit id", "Rule", "Severity", "State", "Message", "Since", "Raised", "Escalated to", "Level", "Acknowledged by", "Acknowledged at", "Note", "Silenced until"],
        Rules = new Dictionary<string, string>
        {
            ["taskOverdue"] = "Task overdue", ["taskBlocked"] = "Task blocked", ["taskStale"] = "Task not updated",
            ["unitBehind"] = "Behind expected progress", ["unitImbalance"] = "Party and business drifting apart",
        },
        Severities = new Dictionary<AlertSeverity, string> { [AlertSeverity.Red] = "Red", [AlertSeverity.Amber] = "Amber" },
        States = new Dictionary<AlertState, string> { [AlertState.Firing] = "Open", [AlertState.Acknowledged] = "Acknowledged", [AlertState.Resolved] = "Resolved" },
        Message = EnglishMessage,
    };

    /// <summary>One dictionary per alert, keyed by this sheet's headings (MiniExcel writes them as the first row).</summary>
    public static IEnumerable<IDictionary<string, object?>> Rows(IEnumerable<AlertDto> alerts, LedgerSheet sheet, IReadOnlyDictionary<string, string> unitNames, TimeZoneInfo zone)
    {
        DateTime? Local(DateTimeOffset? t) => t is { } at ? TimeZoneInfo.ConvertTime(at, zone).DateTime : null;
        string Name(string? id) => id is null ? "" : unitNames.GetValueOrDefault(id, id);
        var h = sheet.Headings;
        foreach (var a in alerts)
        {
            var climbed = a.EscalationLevel > 0 && a.EscalatedToUnitId is not null;
            yield return new Dictionary<string, object?>
            {
                [h[0]] = a.Id,
                [h[1]] = Name(a.UnitId),
                [h[2]] = a.UnitId,
                [h[3]] = sheet.Rules.GetValueOrDefault(a.Rule, a.Rule),
                [h[4]] = sheet.Severities[a.Severity],
                [h[5]] = sheet.States[a.State],
                [h[6]] = sheet.Message(a),
                [h[7]] = Local(a.Since),
                [h[8]] = Local(a.FiredAt),
                [h[9]] = climbed ? Name(a.EscalatedToUnitId) : "",
                [h[10]] = a.EscalationLevel,
                [h[11]] = a.AcknowledgedBy ?? "",
                [h[12]] = Local(a.AcknowledgedAt),
                [h[13]] = a.Note ?? "",
                [h[14]] = Local(a.SilencedUntil),
            };
        }
    }

    private static string EnglishMessage(AlertDto a)
    {
        if (a.Figures is not { } f) return English.Rules.GetValueOrDefault(a.Rule, a.Rule);
        var due = f.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return a.Rule switch
        {
            "taskOverdue" => $"Task “{f.Title}” is overdue (due {due})",
            "taskBlocked" => $"Task “{f.Title}” is blocked",
            "taskStale" => $"Task “{f.Title}” has not been updated for a long time",
            "unitBehind" => $"{f.Unit} is behind its expected progress",
            "unitImbalance" => $"{f.Unit}: party-building and business are drifting apart",
            _ => a.Message,
        };
    }
}
