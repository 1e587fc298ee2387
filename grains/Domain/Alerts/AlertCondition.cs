namespace Cascade.Alerts;

/// <summary>A rule's verdict that holds now for a unit (or one of its tasks).</summary>
public sealed record AlertCondition(string Rule, string? TaskId, AlertSeverity Severity, DateTimeOffset Since, AlertFigures Figures)
{
    public string Key => KeyOf(Rule, TaskId);

    public static string KeyOf(string rule, string? taskId) => taskId is null ? rule : $"{rule}/{taskId}";
}
