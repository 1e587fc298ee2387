namespace Cascade.Time;

/// <summary>
/// <c>Cascade:Calendar</c>: the working-day calendar (docs/operations.md "Working-day calendar").
/// Without <see cref="File"/> the built-in one serves (mainland China, the years whose official
/// notice it cites).
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Cascade:Calendar";
    public const string FileSetting = Section + ":File";

    /// <summary>A calendar file of the documented format; it replaces the built-in calendar entirely.</summary>
    public string? File { get; set; }
}
