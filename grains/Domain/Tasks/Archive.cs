namespace Cascade.Tasks;

/// <summary>
/// Archived tasks (docs/domain.md "Archived tasks"): a task that is done and whose window ended
/// before 1 January of the current year (in the organization's zone) leaves the live roll-up, the
/// unit's alert figures and the task limit, but stays stored and readable. Nothing is stored for
/// it: it is a function of the task and the clock, so the year's turn archives by itself and
/// reopening a task brings it back. The one place of the rule; <c>DomainClock.YearStart</c> gives
/// the current year's first day and <c>DomainClock.IsArchived</c> applies it at an instant.
/// </summary>
public static class Archive
{
    /// <summary>
    /// True when <paramref name="task"/> is archived in the year that starts on
    /// <paramref name="yearStart"/> (a 1 January, local). The window ends at due + 1 day 00:00
    /// local, so it ended by the year's first midnight exactly when the due date lies before it.
    /// Cheap: two comparisons, nothing allocated (the roll-up asks it of every task).
    /// </summary>
    public static bool IsArchived(TaskItem task, DateOnly yearStart) =>
        task.Status == TaskItemStatus.Done && task.Due < yearStart;

    /// <summary>How many of <paramref name="tasks"/> are live (count toward <see cref="TaskRules.MaxTasksPerUnit"/>).</summary>
    public static int LiveCount(List<TaskItem> tasks, DateOnly yearStart)
    {
        var live = 0;
        for (var i = 0; i < tasks.Count; i++)
            if (!IsArchived(tasks[i], yearStart)) live++;
        return live;
    }

    /// <summary>
    /// True when <paramref name="adding"/> more tasks would take the live tasks past the limit. The
    /// stored count alone decides while it leaves room (the usual case: nothing is counted); new
    /// tasks count as live whatever their dates.
    /// </summary>
    public static bool Full(List<TaskItem> tasks, int adding, DateOnly yearStart) =>
        tasks.Count + adding > TaskRules.MaxTasksPerUnit && LiveCount(tasks, yearStart) + adding > TaskRules.MaxTasksPerUnit;
}
