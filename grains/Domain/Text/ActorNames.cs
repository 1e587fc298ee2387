namespace Cascade.Text;

/// <summary>
/// What screens show for whoever made a change (docs/api.md "Tasks", "Alerts"): the display name
/// stored with the change, "系统" for the system, and the username for changes stored before names
/// were kept (until the next write stores the name).
/// </summary>
public static class ActorNames
{
    /// <summary>The system's actor, as the audit trail and <c>updatedBy</c> record it.</summary>
    public const string SystemActor = "system";
    public const string SystemName = "系统";

    /// <summary>The name to show for <paramref name="by"/>, given the <paramref name="stored"/> one (null when none was kept).</summary>
    public static string? Of(string? by, string? stored) =>
        stored ?? (by is null or SystemActor ? SystemName : by);
}
