using System.Globalization;
using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Telemetry;

namespace Cascade.Units;

public sealed partial class UnitGrain
{
    private AlertBook Book => state.State.Alerts;
    /// <summary>What this activation has added to cascade.alerts.open, by severity: taken back when it deactivates.</summary>
    private int _meteredAmber, _meteredRed;

    /// <summary>The unit's alerts: open ones, and with <paramref name="resolved"/> the latest resolved ones too.</summary>
    public Task<IReadOnlyList<Alert>> GetAlerts(bool resolved) =>
        Task.FromResult<IReadOnlyList<Alert>>(resolved ? [.. Book.Open, .. Book.Resolved] : [.. Book.Open]);

    public Task<IReadOnlyList<Alert>> GetAlertsHere(bool resolved) =>
        Task.FromResult<IReadOnlyList<Alert>>(resolved
            ? [.. Book.Open, .. Book.Resolved, .. Book.EscalatedHere.Values]
            : [.. Book.Open, .. Book.EscalatedHere.Values]);

    public async Task<Result<Alert>> AcknowledgeAlert(string alertId, string by, string note)
    {
        var before = Book.Open.FirstOrDefault(a => a.Id == alertId);
        var result = AlertLifecycle.Acknowledge(Book, alertId, by, note, clock.Now);
        if (!result.Succeeded || before?.State == AlertState.Acknowledged) return result; // a repeat keeps the first
        Published([result.Value!]);
        Record(new AuditStamp(by, clock.Now), AuditActions.AlertAcknowledge, before!.TaskId,
            AuditSnapshots.Alert(before), AuditSnapshots.Alert(result.Value!));
        if (result.Value!.EscalatedToUnitId is not null) _announce.Add(result.Value);
        await Persist();
        return result;
    }

    public async Task AlertMoved(Alert alert)
    {
        if (!Exists || alert.UnitId == Id) return;
        var here = Book.EscalatedHere;
        if (alert.State != AlertState.Resolved && alert.EscalatedToUnitId == Id)
        {
            if (here.TryGetValue(alert.Id, out var known) && known == alert) return;
            here[alert.Id] = alert;
        }
        else if (!here.Remove(alert.Id)) return;
        Published([alert]);
        await WriteState();
        Flush();
    }

    /// <summary>Tells the units where changed alerts sit (and, for one that climbed, where it sat) about them.</summary>
    private void Announce(IEnumerable<Alert> changes, IReadOnlyDictionary<string, string?>? satBefore = null)
    {
        foreach (var alert in changes)
        {
            if (alert.EscalatedToUnitId is { } at) Unit(at).AlertMoved(alert).Ignore();
            if (satBefore?.GetValueOrDefault(alert.Id) is { } before && before != alert.EscalatedToUnitId) Unit(before).AlertMoved(alert).Ignore();
        }
    }

    /// <summary>
    /// At activation: the alerts that sit elsewhere are announced again (a crash may have lost the
    /// one-way message), and the copies kept here are checked with their units (one may have
    /// resolved, or moved, while a message was lost). Only units with escalated alerts do anything.
    /// </summary>
    private async Task ReconcileEscalatedAlerts()
    {
        Announce(Book.Open.Where(a => a.EscalatedToUnitId is not null));
        if (Book.EscalatedHere.Count == 0) return;
        var changed = false;
        foreach (var group in Book.EscalatedHere.Values.GroupBy(a => a.UnitId).ToList())
        {
            var live = (await Unit(group.Key).GetAlerts(false)).ToDictionary(a => a.Id);
            foreach (var copy in group)
            {
                if (live.GetValueOrDefault(copy.Id) is { } now && now.EscalatedToUnitId == Id) changed |= !Equals(Book.EscalatedHere[copy.Id] = now, copy);
                else changed |= Book.EscalatedHere.Remove(copy.Id);
            }
        }
        if (changed) await WriteState();
    }

    /// <summary>
    /// Brings the alerts in line with the rules over the unit's own tasks and its summary now;
    /// true when any alert changed (it then must be stored). The open count joins the own totals.
    /// With <paramref name="tasks"/> false (a child's report moved only the subtree's figures),
    /// the task rules' standing verdicts are taken as they are and nothing is allocated unless a
    /// unit rule's verdict changed: a busy parent hears from its children thousands of times a second.
    /// </summary>
    private bool EvaluateAlerts(bool tasks = true)
    {
        if (!Exists || _summary is null) return false;
        if (!tasks && UnitVerdictsUnchanged()) return false;
        var now = clock.Now;
        var holding = new List<AlertCondition>();
        if (tasks)
            foreach (var task in state.State.Tasks)
            {
                var figures = RollupMath.Of(task, now, clock);
                foreach (var rule in alertRules.TaskRules)
                    if (rule.Evaluate(task, figures) is { } severity)
                        holding.Add(new AlertCondition(rule.Name, task.Id, severity, TaskSince(rule.Name, task),
                            OpenAlert(rule.Name, task.Id)?.Message ?? TaskMessage(rule.Name, task)));
            }
        else
            foreach (var open in Book.Open.Where(a => a.TaskId is not null))
                holding.Add(new AlertCondition(open.Rule, open.TaskId, open.Severity, open.Since, open.Message));
        foreach (var rule in alertRules.UnitRules)
        {
            var open = OpenAlert(rule.Name, null);
            if (rule.Evaluate(_summary, open?.Severity) is { } severity)
                holding.Add(new AlertCondition(rule.Name, null, severity, open?.Since ?? now, open?.Message ?? UnitMessage(rule.Name)));
        }
        var changes = AlertLifecycle.Update(Book, Id, holding, now, alertOptions.Value.GraceOf);
        if (changes.Count == 0) return false;
        Published(changes);
        _announce.AddRange(changes.Where(a => a.EscalatedToUnitId is not null)); // after the write
        CountOpenAlerts();
        return true;
    }

    /// <summary>True when every unit rule says what its open alert (or its absence) already says, and none waits out a grace period.</summary>
    private bool UnitVerdictsUnchanged()
    {
        foreach (var rule in alertRules.UnitRules)
        {
            var open = OpenAlert(rule.Name, null);
            if (rule.Evaluate(_summary!, open?.Severity) != open?.Severity) return false;
        }
        return Book.Pending.Count == 0 || !alertRules.UnitRules.Any(r => Book.Pending.ContainsKey(AlertCondition.KeyOf(r.Name, null)));
    }

    private Alert? OpenAlert(string rule, string? taskId)
    {
        foreach (var alert in Book.Open)
            if (alert.Rule == rule && alert.TaskId == taskId) return alert;
        return null;
    }

    /// <summary>Moves unacknowledged alerts up the tree when their time came (asks the organization for the path then only).</summary>
    private async Task<bool> EscalateAlerts()
    {
        var every = alertOptions.Value.EscalateAfter;
        if (state.State.Info?.ParentId is null || AlertLifecycle.NextEscalation(Book, every, int.MaxValue) is not { } due || due > clock.Now)
            return false;
        var ancestors = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Ancestors(Id);
        var sat = Book.Open.Where(a => a.EscalatedToUnitId is not null).ToDictionary(a => a.Id, a => a.EscalatedToUnitId);
        var changes = AlertLifecycle.Escalate(Book, clock.Now, every, ancestors);
        Published(changes);
        foreach (var alert in changes) _announce.Add(alert);
        foreach (var (id, before) in sat) _satBefore[id] = before;
        return changes.Count > 0;
    }

    /// <summary>
    /// After a change that did not write the state (a child's report, the clock): stores any
    /// alert change. The clock (<paramref name="escalate"/>) re-evaluates the tasks too, since
    /// time alone moves them; a child's report only the unit rules.
    /// </summary>
    private async Task SettleAlerts(bool escalate = false)
    {
        var changed = EvaluateAlerts(tasks: escalate);
        if (escalate) changed |= await EscalateAlerts();
        if (!changed) return;
        await WriteState();
        AnnounceStored();
        Flush(); // a changed open count was combined as it changed; an escalation moves no figure
    }

    /// <summary>The escalated alerts that changed, told where they sit once the change is stored.</summary>
    private void AnnounceStored()
    {
        if (_announce.Count == 0) return;
        Announce(_announce, _satBefore);
        _announce.Clear();
        _satBefore.Clear();
    }

    /// <summary>Changed alerts go to watching walls with the unit's next update (the newest 100 at most).</summary>
    private void Published(IReadOnlyCollection<Alert> changes)
    {
        if (changes.Count == 0 || Environment.TickCount64 >= _watchedUntil) return;
        _alertChanges.AddRange(changes);
        if (_alertChanges.Count > 100) _alertChanges.RemoveRange(0, _alertChanges.Count - 100);
    }

    private void CountOpenAlerts()
    {
        _own = _own with { OpenAlerts = Book.Open.Count };
        Combine();
        MeterOpenAlerts();
    }

    /// <summary>
    /// Brings this activation's share of cascade.alerts.open in line with its open alerts: every unit
    /// is active while it has a clock, so the shares of a cluster's processes add up to the whole.
    /// </summary>
    private void MeterOpenAlerts()
    {
        int amber = 0, red = 0;
        if (Exists)
            foreach (var alert in Book.Open)
                if (alert.Severity == AlertSeverity.Red) red++;
                else amber++;
        MeterOpenAlerts(amber, red);
    }

    private void UnmeterOpenAlerts() => MeterOpenAlerts(0, 0);

    private void MeterOpenAlerts(int amber, int red)
    {
        CascadeTelemetry.AlertsOpened(amber - _meteredAmber, red - _meteredRed);
        (_meteredAmber, _meteredRed) = (amber, red);
    }

    private DateTimeOffset TaskSince(string rule, TaskItem task) => rule switch
    {
        "taskOverdue" => clock.Window(task).End,
        "taskStale" => (task.UpdatedAt > clock.Window(task).Start ? task.UpdatedAt : clock.Window(task).Start) + clock.StaleAfter,
        _ => task.UpdatedAt,
    };

    private static string TaskMessage(string rule, TaskItem task) => rule switch
    {
        "taskOverdue" => $"任务「{task.Title}」已逾期（截止 {task.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）",
        "taskBlocked" => $"任务「{task.Title}」受阻",
        "taskStale" => $"任务「{task.Title}」久未更新",
        _ => $"任务「{task.Title}」：{rule}",
    };

    private string UnitMessage(string rule) => rule switch
    {
        "unitBehind" => $"{state.State.Info!.Name}进度落后于应达",
        "unitImbalance" => $"{state.State.Info!.Name}党建与业务进度脱节（两张皮）",
        _ => $"{state.State.Info!.Name}：{rule}",
    };
}
