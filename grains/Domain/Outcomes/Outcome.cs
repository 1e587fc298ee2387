namespace Cascade.Outcomes;

/// <summary>How a command ended; the web layer maps each to one HTTP status.</summary>
[GenerateSerializer]
public enum Outcome
{
    Ok = 0,
    Created = 1,
    NotFound = 2,
    Invalid = 3,
    PreconditionFailed = 4,
    Conflict = 5,
}
