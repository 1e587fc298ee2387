using System.ComponentModel.DataAnnotations;

namespace Cascade.History;

/// <summary><c>Cascade:History</c>: which units keep a daily point, for how long, and when the day's points are taken (docs/api.md "Configuration").</summary>
public sealed class HistoryOptions
{
    public const string Section = "Cascade:History";

    /// <summary>Units at this depth or above keep a point a day; the root is depth 0.</summary>
    [Range(0, 10)]
    public int Depth { get; set; } = 3;

    /// <summary>How many days points are kept (default 1096: three years, a leap day included); older ones are pruned once a day.</summary>
    [Range(1, 36_600)]
    public int Keep { get; set; } = 1096;

    /// <summary>How often every node asks today's day grain to take its points.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Check { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after local midnight the day's points may still be taken: a day whose window
    /// passed while Cascade was down has no points (never a later state passed off as midnight's).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "06:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Units whose summaries are read at once; the day's cursor is stored after each such batch.</summary>
    [Range(1, 10_000)]
    public int Batch { get; set; } = 500;
}
