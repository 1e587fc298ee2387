namespace Cascade.Alerts;

/// <summary>A rule's verdict that holds now for a unit (or one of its tasks).</summary>
public sealed record AlertCondition(string Rule, string? TaskId, AlertSeverity Severity, DateTimeOffset Since, AlertFigures Figures)
{
    public string Key => KeyOf(Rule, TaskId);

    public static string KeyOf(string rule, string? taskId) => taskId is null ? rule : $"{rule}/{taskId}";

    /// <summary>Whether <paramref name="key"/> is <see cref="KeyOf"/>(<paramref name="rule"/>, <paramref name="taskId"/>), without building it.</summary>
    public static bool IsKey(string key, string rule, string? taskId) => taskId is null
        ? key == rule
        : key.Length == rule.Length + 1 + taskId.Length && key.StartsWith(rule, StringComparison.Ordinal)
            && key[rule.Length] == '/' && key.EndsWith(taskId, StringComparison.Ordinal);
}
