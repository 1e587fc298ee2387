namespace Cascade.Rollup;

[GenerateSerializer]
public enum Health
{
    /// <summary>No tasks: unknown, shown grey, never green.</summary>
    None = 0,
    Green = 1,
    Amber = 2,
    Red = 3,
}
