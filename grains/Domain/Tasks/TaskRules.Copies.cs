namespace Cascade.Tasks;

/// <summary>The rule of a copy's owned fields (docs/domain.md "Directives").</summary>
public static partial class TaskRules
{
    /// <summary>The name of the first field a copy takes from its owner that <paramref name="next"/> changes, or null.</summary>
    public static string? FirstOwnedChange(TaskItem stored, TaskItem next) =>
        stored.Title != next.Title ? "title"
        : stored.Track != next.Track ? "track"
        : !stored.Weight.Equals(next.Weight) ? "weight"
        : stored.Start != next.Start ? "start"
        : stored.Due != next.Due ? "due"
        : stored.Expectation != next.Expectation ? "expectation"
        : null;
}
