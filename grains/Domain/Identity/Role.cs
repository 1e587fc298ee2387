namespace Cascade.Identity;

/// <summary>docs/api.md "Identity and access": what a user may do.</summary>
[GenerateSerializer]
public enum Role
{
    /// <summary>The organ committee: structure, tasks, users, kiosks, everything.</summary>
    Admin,
    /// <summary>Reads everything, acknowledges alerts.</summary>
    Leader,
    /// <summary>Bound to a unit: writes the tasks of that unit and its descendants.</summary>
    Editor,
    /// <summary>Reads.</summary>
    Viewer,
}
