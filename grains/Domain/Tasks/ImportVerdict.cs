namespace Cascade.Tasks;

/// <summary>What an imported row does (the check) or did (the apply).</summary>
[GenerateSerializer]
public enum ImportVerdict
{
    Unchanged = 0,
    Create = 1,
    Update = 2,
    Error = 3,
    /// <summary>The apply found the task changed since the check: the row was not applied.</summary>
    Conflict = 4,
}
