using Cascade.Time;

namespace Cascade.Alerts;

/// <summary>
/// The lifecycle of docs/domain.md "Alerts" as plain functions over one unit's <see cref="AlertBook"/>:
/// what holds now fires (after its grace period), changes severity in place, or resolves; an
/// acknowledgement stops the climb; an unacknowledged alert climbs one ancestor per
/// <c>EscalateAfter</c> from when it fired, counted in all time or in working time only
/// (<see cref="ElapsedTime"/>). Each answers the alerts it changed.
/// </summary>
public static class AlertLifecycle
{
    /// <summary>
    /// Brings the book in line with the conditions that hold now. Conditions and alerts are matched
    /// on their rule and task without building their keys: this runs on every write of a task.
    /// </summary>
    public static List<Alert> Update(AlertBook book, string unitId, IReadOnlyCollection<AlertCondition> holding, DateTimeOffset now,
        Func<string, TimeSpan> grace)
    {
        var changed = new List<Alert>();
        for (var i = book.Open.Count - 1; i >= 0; i--)
        {
            var alert = book.Open[i];
            if (Holds(holding, alert.Rule, alert.TaskId)) continue;
            var resolved = alert with { State = AlertState.Resolved, ResolvedAt = now };
            book.Open.RemoveAt(i);
            book.Resolved.Add(resolved);
            changed.Add(resolved);
        }
        if (book.Resolved.Count > AlertBook.ResolvedKept) book.Resolved.RemoveRange(0, book.Resolved.Count - AlertBook.ResolvedKept);
        if (book.Pending.Count > 0)
        {
            List<string>? over = null;
            foreach (var key in book.Pending.Keys)
                if (!HoldsKey(holding, key)) (over ??= []).Add(key);
            if (over is not null) foreach (var key in over) book.Pending.Remove(key);
        }

        foreach (var condition in holding)
        {
            var index = IndexOf(book.Open, condition.Rule, condition.TaskId);
            if (index >= 0)
            {
                var open = book.Open[index];
                // The figures stay as they were when it fired: what the alert said does not move under a reader.
                if (open.Severity == condition.Severity) continue;
                book.Open[index] = open with { Severity = condition.Severity };
                changed.Add(book.Open[index]);
                continue;
            }
            var key = condition.Key;
            var since = book.Pending.TryGetValue(key, out var pending) ? pending : condition.Since;
            if (now - since < grace(condition.Rule))
            {
                book.Pending[key] = since;
                continue;
            }
            book.Pending.Remove(key);
            var alert = new Alert($"{unitId}.{++book.Raised}", condition.Rule, condition.Severity, unitId, condition.TaskId,
                AlertState.Firing, null, now, since, Figures: condition.Figures);
            book.Open.Add(alert);
            changed.Add(alert);
        }
        return changed;
    }

    private static int IndexOf(List<Alert> open, string rule, string? taskId)
    {
        for (var i = 0; i < open.Count; i++)
            if (open[i].Rule == rule && open[i].TaskId == taskId) return i;
        return -1;
    }

    private static bool Holds(IReadOnlyCollection<AlertCondition> holding, string rule, string? taskId)
    {
        foreach (var condition in holding)
            if (condition.Rule == rule && condition.TaskId == taskId) return true;
        return false;
    }

    private static bool HoldsKey(IReadOnlyCollection<AlertCondition> holding, string key)
    {
        foreach (var condition in holding)
            if (AlertCondition.IsKey(key, condition.Rule, condition.TaskId)) return true;
        return false;
    }

    /// <summary>What acknowledging <paramref name="alertId"/> answers: the alert, or why not.</summary>
    public static Result<Alert> Acknowledge(AlertBook book, string alertId, string by, string note, DateTimeOffset now, string? byName = null)
    {
        var index = book.Open.FindIndex(a => a.Id == alertId);
        if (index < 0)
            return book.Resolved.Any(a => a.Id == alertId)
                ? Result<Alert>.Conflict($"Alert '{alertId}' is resolved; there is nothing left to acknowledge.")
                : Result<Alert>.NotFound($"Alert '{alertId}' does not exist.");
        var alert = book.Open[index];
        if (alert.State == AlertState.Acknowledged) return Result<Alert>.Ok(alert); // the first acknowledgement stands
        book.Open[index] = alert with { State = AlertState.Acknowledged, AcknowledgedAt = now, AcknowledgedBy = by, AcknowledgedByName = byName, Note = note };
        return Result<Alert>.Ok(book.Open[index]);
    }

    /// <summary>
    /// Moves each firing alert to the ancestor it has reached: one level per whole
    /// <paramref name="escalateAfter"/> since it fired (as <paramref name="time"/> counts; all time
    /// by default), at most up to the root. <paramref name="ancestors"/> runs from the parent to the root.
    /// <paramref name="pauses"/>: an alert's climb-stopping silences (docs/domain.md "Silences"),
    /// which hold it and restart its count.
    /// </summary>
    public static List<Alert> Escalate(AlertBook book, DateTimeOffset now, TimeSpan escalateAfter, IReadOnlyList<string> ancestors,
        ElapsedTime? time = null, Func<Alert, IReadOnlyList<PauseWindow>>? pauses = null)
    {
        time ??= ElapsedTime.All;
        var changed = new List<Alert>();
        for (var i = 0; i < book.Open.Count; i++)
        {
            var alert = book.Open[i];
            if (alert.State != AlertState.Firing) continue;
            var climbed = pauses?.Invoke(alert) is { Count: > 0 } paused
                ? ClimbClock.Level(alert.FiredAt, paused, now, escalateAfter, time.Between)
                : time.Between(alert.FiredAt, now).Ticks / escalateAfter.Ticks;
            var level = (int)Math.Min(Math.Max(0, climbed), ancestors.Count);
            if (level <= alert.EscalationLevel) continue;
            book.Open[i] = alert with { EscalationLevel = level, EscalatedToUnitId = ancestors[level - 1] };
            changed.Add(book.Open[i]);
        }
        return changed;
    }

    /// <summary>When the next escalation of any firing alert falls due, or null when none will.</summary>
    public static DateTimeOffset? NextEscalation(AlertBook book, TimeSpan escalateAfter, int ancestors, ElapsedTime? time = null)
    {
        var counted = time ?? ElapsedTime.All;
        return book.Open.Where(a => a.State == AlertState.Firing && a.EscalationLevel < ancestors)
            .Select(a => (DateTimeOffset?)counted.Reaching(a.FiredAt, escalateAfter * (a.EscalationLevel + 1)))
            .Min();
    }
}
