using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>The field rules of docs/domain.md "Tree".</summary>
public static class UnitRules
{
    public const int MaxName = 100;
    public const int MaxChildren = 5000;

    public static bool IsValidId(string? id) => TaskRules.IsValidId(id);

    public static string? CheckName(string name) =>
        name.Length is < 1 or > MaxName ? $"name must be 1 to {MaxName} characters (trimmed)" : Text.DisplayText.Check("name", name);

    /// <summary>Why a unit cannot be deleted (it has children or tasks); null when it can.</summary>
    public static Result<bool>? CheckDelete(string id, int children, int tasks) =>
        children > 0 ? Result<bool>.Conflict($"Unit '{id}' still has {children} child units.")
        : tasks > 0 ? Result<bool>.Conflict($"Unit '{id}' still has {tasks} tasks.")
        : null;
}
