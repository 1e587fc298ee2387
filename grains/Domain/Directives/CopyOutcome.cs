namespace Cascade.Directives;

/// <summary>What a target unit did with a <see cref="CopyOrder"/>, or why it could not.</summary>
[GenerateSerializer]
public enum CopyOutcome
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
    /// <summary>The unit holds another task under the owner's id.</summary>
    IdTaken = 3,
    /// <summary>The unit already has its maximum of tasks.</summary>
    TaskLimit = 4,
    /// <summary>The unit no longer exists.</summary>
    UnitGone = 5,
    /// <summary>The copy was removed (or was not there to remove).</summary>
    Withdrawn = 6,
}

/// <summary>Failure reasons as the API names them.</summary>
public static class CopyOutcomes
{
    public static bool Failed(CopyOutcome o) => o is CopyOutcome.IdTaken or CopyOutcome.TaskLimit or CopyOutcome.UnitGone;

    public static string Reason(CopyOutcome o) => o switch
    {
        CopyOutcome.IdTaken => "idTaken",
        CopyOutcome.TaskLimit => "taskLimit",
        CopyOutcome.UnitGone => "unitGone",
        _ => o.ToString(),
    };
}
