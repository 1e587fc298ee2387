using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Alerts;

/// <summary>
/// One unit's alert work (docs/domain.md "Alerts"), as plain logic over its stored
/// <see cref="AlertBook"/>: evaluates the rules, runs the lifecycle and the escalation,
/// acknowledges, and collects what to tell the open-alert index and whom to tell about alerts
/// that sit above their unit. The unit grain sends, stores and publishes. With
/// <c>WorkingTimeOnly</c> escalation counts the working days of <paramref name="calendar"/> only.
/// </summary>
public sealed class AlertDesk(Func<AlertBook> book, AlertRules rules, AlertOptions options, DomainClock clock, IWorkingCalendar? calendar = null)
{
    private static readonly IReadOnlyList<Alert> None = [];
    private static readonly IReadOnlyList<(string To, Alert Alert)> NoOne = [];
    /// <summary>Changed alerts that sit above their unit, to announce there once stored, and where they sat before.</summary>
    private readonly List<Alert> _announce = [];
    private readonly Dictionary<string, string?> _satBefore = [];
    /// <summary>Every changed alert, for the open-alert index once stored.</summary>
    private readonly List<Alert> _indexed = [];
    /// <summary>How escalation counts time: all of it, or the working days only.</summary>
    private readonly ElapsedTime _escalation = !options.WorkingTimeOnly ? ElapsedTime.All
        : new WorkingTime(calendar ?? throw new ArgumentNullException(nameof(calendar), "Cascade:Alerts:WorkingTimeOnly needs the working-day calendar."), clock);

    public AlertBook Book => book();

    /// <summary>How escalation counts time (all of it, or the working days only): the climb's pauses count the same way.</summary>
    public ElapsedTime EscalationTime => _escalation;

    /// <summary>The instant of the latest <see cref="Evaluate"/> that ran: alerts it fired carry it as their <c>FiredAt</c>.</summary>
    public DateTimeOffset EvaluatedAt { get; private set; }

    /// <summary>
    /// Brings the alerts in line with the rules over the unit's own tasks and its subtree's
    /// <paramref name="totals"/> (before the open count joins them); answers the alerts that
    /// changed. With <paramref name="tasks"/> null (a child's report moved only the subtree's
    /// figures) the task rules' standing verdicts are taken as they are and nothing is allocated
    /// unless a unit rule's verdict changed: a busy parent hears from its children thousands of
    /// times a second.
    /// </summary>
    public IReadOnlyList<Alert> Evaluate(string unitId, string unitName, IReadOnlyList<TaskItem>? tasks, SubtreeTotals totals)
    {
        if (tasks is null && UnitVerdictsUnchanged(totals)) return None;
        var now = EvaluatedAt = clock.Now;
        var holding = new List<AlertCondition>();
        if (tasks is not null)
            foreach (var task in tasks)
            {
                var figures = RollupMath.Of(task, now, clock);
                foreach (var rule in rules.TaskRules)
                    if (rule.Evaluate(task, figures) is { } severity)
                        holding.Add(new AlertCondition(rule.Name, task.Id, severity, rule.Since(task, clock),
                            OpenAlert(rule.Name, task.Id)?.Figures ?? new AlertFigures(task.Title, task.Due, Tags: task.Tags)));
            }
        else
            foreach (var open in Book.Open)
                if (open.TaskId is not null)
                    holding.Add(new AlertCondition(open.Rule, open.TaskId, open.Severity, open.Since, open.Figures ?? new AlertFigures()));
        foreach (var rule in rules.UnitRules)
        {
            var open = OpenAlert(rule.Name, null);
            if (rule.Evaluate(totals, open?.Severity) is { } severity)
                holding.Add(new AlertCondition(rule.Name, null, severity, open?.Since ?? now, open?.Figures ?? new AlertFigures(Unit: unitName)));
        }
        var changes = AlertLifecycle.Update(Book, unitId, holding, now, options.GraceOf);
        _indexed.AddRange(changes);
        foreach (var alert in changes)
            if (alert.EscalatedToUnitId is not null) _announce.Add(alert);
        return changes;
    }

    /// <summary>True when every unit rule says what its open alert (or its absence) already says, and none waits out a grace period.</summary>
    private bool UnitVerdictsUnchanged(SubtreeTotals totals)
    {
        var pending = Book.Pending.Count > 0;
        foreach (var rule in rules.UnitRules)
        {
            var open = OpenAlert(rule.Name, null);
            if (rule.Evaluate(totals, open?.Severity) != open?.Severity) return false;
            if (pending && Book.Pending.ContainsKey(AlertCondition.KeyOf(rule.Name, null))) return false;
        }
        return true;
    }

    private Alert? OpenAlert(string rule, string? taskId)
    {
        foreach (var alert in Book.Open)
            if (alert.Rule == rule && alert.TaskId == taskId) return alert;
        return null;
    }

    /// <summary>True when an unacknowledged alert's next climb is due (only then is the path to the root worth asking for).</summary>
    public bool EscalationDue(bool hasParent) =>
        hasParent && AlertLifecycle.NextEscalation(Book, options.EscalateAfter, int.MaxValue, _escalation) is { } due && due <= clock.Now;

    /// <summary>Moves unacknowledged alerts up <paramref name="ancestors"/> (parent first) as far as their time (and their <paramref name="pauses"/>) says.</summary>
    public IReadOnlyList<Alert> Escalate(IReadOnlyList<string> ancestors, Func<Alert, IReadOnlyList<PauseWindow>>? pauses = null)
    {
        foreach (var alert in Book.Open)
            if (alert.EscalatedToUnitId is not null) _satBefore[alert.Id] = alert.EscalatedToUnitId;
        var changes = AlertLifecycle.Escalate(Book, clock.Now, options.EscalateAfter, ancestors, _escalation, pauses);
        _announce.AddRange(changes);
        _indexed.AddRange(changes);
        return changes;
    }

    /// <summary>Acknowledges; <paramref name="changed"/> is false for a repeat (the first acknowledgement stands) or a refusal.</summary>
    public Result<Alert> Acknowledge(string alertId, string by, string note, out Alert? before, out bool changed, string? byName = null)
    {
        before = Book.Open.Find(a => a.Id == alertId);
        var result = AlertLifecycle.Acknowledge(Book, alertId, by, note, clock.Now, byName);
        changed = result.Succeeded && before?.State != AlertState.Acknowledged;
        if (changed) _indexed.Add(result.Value!);
        if (changed && result.Value!.EscalatedToUnitId is not null) _announce.Add(result.Value);
        return result;
    }

    /// <summary>
    /// Every alert that changed since the last call, for the open-alert index (decision 010); called
    /// once they are stored. Nothing allocated when none did (the usual case, on every task write).
    /// </summary>
    public IReadOnlyList<Alert> TakeIndexChanges()
    {
        if (_indexed.Count == 0) return None;
        Alert[] changed = [.. _indexed];
        _indexed.Clear();
        return changed;
    }

    /// <summary>
    /// Whom to tell (one-way, upwards) about the changes collected since the last call: the unit
    /// each alert sits with, and the one it sat with before when it climbed on. Called once they are stored.
    /// </summary>
    public IReadOnlyList<(string To, Alert Alert)> TakeAnnouncements()
    {
        if (_announce.Count == 0)
        {
            _satBefore.Clear();
            return NoOne; // the usual case, on every task write: nothing allocated
        }
        var told = Announcements(_announce, _satBefore);
        _announce.Clear();
        _satBefore.Clear();
        return told;
    }

    /// <summary>At activation: every alert that sits above its unit, told again (a crash may have lost the message).</summary>
    public IReadOnlyList<(string To, Alert Alert)> Reannouncements() => Announcements(Book.Open.Where(a => a.EscalatedToUnitId is not null), null);

    private static List<(string To, Alert Alert)> Announcements(IEnumerable<Alert> changes, Dictionary<string, string?>? satBefore)
    {
        var told = new List<(string, Alert)>();
        foreach (var alert in changes)
        {
            if (alert.EscalatedToUnitId is { } at) told.Add((at, alert));
            if (satBefore?.GetValueOrDefault(alert.Id) is { } before && before != alert.EscalatedToUnitId) told.Add((before, alert));
        }
        return told;
    }

    /// <summary>What a wall that starts watching is owed of the unit's own alerts: every one as it stands, and those resolved within two minutes (those that climbed here come from the index).</summary>
    public IEnumerable<Alert> Standing()
    {
        var recently = clock.Now - TimeSpan.FromMinutes(2);
        return Book.Open.Concat(Book.Resolved.Where(a => a.ResolvedAt >= recently));
    }
}
