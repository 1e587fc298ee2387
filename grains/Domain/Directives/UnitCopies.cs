using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// A unit's side of copies (docs/domain.md "Directives") over its stored task list, as plain
/// logic: created once, updated only by newer owner versions, withdrawn by the owner.
/// </summary>
/// <param name="yearStart">As for <see cref="UnitTasks"/>: archived tasks do not count toward the limit.</param>
public sealed class UnitCopies(Func<List<TaskItem>> list, Func<DateTimeOffset, DateOnly> yearStart)
{
    /// <summary>Read each time: the list is the stored state's, which a reload replaces.</summary>
    private List<TaskItem> Stored => list();

    /// <summary>Whether the unit could take the copy of <paramref name="order"/> at <paramref name="now"/>: Created (room and the id free), Unchanged (it holds it), IdTaken or TaskLimit.</summary>
    public CopyOutcome Check(CopyOrder order, DateTimeOffset now)
    {
        var index = IndexOf(order.TaskId);
        if (index >= 0) return order.Owns(Stored[index]) ? CopyOutcome.Unchanged : CopyOutcome.IdTaken;
        return Archive.Full(Stored, 1, yearStart(now)) ? CopyOutcome.TaskLimit : CopyOutcome.Created;
    }

    /// <summary>
    /// Brings the copy to the order: created once (notStarted, progress 0, note ""), its owned fields
    /// replaced by a newer owner version (a new task version, the unit's own update stamps kept), or
    /// removed when the order withdraws it. A schedule's instance once done keeps what it was done
    /// as: owner changes and a withdrawal pass it by. <paramref name="before"/> and <paramref name="after"/>
    /// are the stored copy before and after (null when absent); both null when nothing changed.
    /// </summary>
    public CopyOutcome Receive(CopyOrder order, DateTimeOffset now, out TaskItem? before, out TaskItem? after)
    {
        before = after = null;
        var index = IndexOf(order.TaskId);
        var held = index >= 0 ? Stored[index] : null;
        if (held is not null && (!order.Owns(held) || held.Released)) return order.Withdraw ? CopyOutcome.Withdrawn : CopyOutcome.IdTaken;
        var kept = held is not null && order.IsSchedule && held.Status == TaskItemStatus.Done;
        if (order.Withdraw)
        {
            if (held is null || kept) return CopyOutcome.Withdrawn;
            Stored.RemoveAt(index);
            before = held;
            return CopyOutcome.Withdrawn;
        }
        var f = order.Fields;
        if (held is null)
        {
            if (Archive.Full(Stored, 1, yearStart(now))) return CopyOutcome.TaskLimit;
            after = new TaskItem
            {
                Id = order.TaskId, Title = f.Title, Track = f.Track, Weight = f.Weight, Start = f.Start, Due = f.Due, Expectation = f.Expectation,
                Status = TaskItemStatus.NotStarted, Progress = 0, Note = "", Version = 1, UpdatedAt = now, UpdatedBy = order.By,
                UpdatedByName = order.ByName, DirectiveId = order.IsSchedule ? null : order.OwnerId,
                ScheduleId = order.IsSchedule ? order.OwnerId : null, Period = order.Period, Tags = order.Tags is { Length: > 0 } t ? t : null,
                OwnerVersion = order.OwnerVersion, CopyShard = order.Shard, IssuerUnitId = order.IssuerUnitId,
            };
            Stored.Add(after);
            return CopyOutcome.Created;
        }
        // An older version, or one that changed nothing the copy takes (targets added), leaves it as it is.
        var reopen = order.Reopen is not null && held.Status == TaskItemStatus.Done;
        if (kept || order.OwnerVersion <= held.OwnerVersion || (CopyFields.Of(held) == f && held.Locked == order.Lock && !reopen)) return CopyOutcome.Unchanged;
        // The owner's change is a write of the copy (a new version), while its updatedAt/By and
        // staleness stay the unit's own last report.
        after = held with
        {
            Title = f.Title, Track = f.Track, Weight = f.Weight, Start = f.Start, Due = f.Due, Expectation = f.Expectation,
            OwnerVersion = order.OwnerVersion, CopyShard = order.Shard, Version = held.Version + 1, Locked = order.Lock,
        };
        // A finding sent back (reopened): the inspector's report of the task, not the unit's.
        if (reopen)
            after = after with
            {
                Status = TaskItemStatus.InProgress, Progress = order.Reopen!.Value, DoneAt = null, UpdatedAt = now, UpdatedBy = order.By, UpdatedByName = order.ByName,
            };
        Stored[index] = after;
        before = held;
        return CopyOutcome.Updated;
    }

    /// <summary>
    /// The owner is deleted: every copy of it (a schedule's instances of all periods) becomes the
    /// unit's own task, its owner reference kept. Answers each as it was and now is.
    /// </summary>
    public List<(TaskItem Before, TaskItem After)> Release(string ownerId)
    {
        var released = new List<(TaskItem, TaskItem)>();
        for (var i = 0; i < Stored.Count; i++)
        {
            var held = Stored[i];
            if (held.OwnerId != ownerId || held.Released) continue;
            Stored[i] = held with { Released = true, Version = held.Version + 1 };
            released.Add((held, Stored[i]));
        }
        return released;
    }

    /// <summary>A loop, as the unit's own task edits look tasks up.</summary>
    private int IndexOf(string taskId)
    {
        for (var i = 0; i < Stored.Count; i++)
            if (Stored[i].Id == taskId) return i;
        return -1;
    }
}
