using System.ComponentModel.DataAnnotations;

namespace Cascade.Directives;

/// <summary><c>Cascade:Directives</c>: how copies are placed (docs/operations.md settings).</summary>
public sealed class DirectiveOptions
{
    public const string Section = "Cascade:Directives";

    /// <summary>Up to this many copies are placed (or follow a change) before the API answers; above, 202 and the work goes on in the background.</summary>
    [Range(1, 100_000)]
    public int SyncTargets { get; set; } = 500;

    /// <summary>Copies a shard places at once; its durable cursor moves after each such batch.</summary>
    [Range(1, 5_000)]
    public int FanoutBatch { get; set; } = 200;

    /// <summary>
    /// How often the index looks whether a schedule's period has turned (local midnight in
    /// <c>Cascade:TimeZone</c>) or the tree changed under a schedule that follows it: new
    /// instances appear within this (plus their hand-out) of midnight and of start-up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:02:00")]
    public TimeSpan ScheduleCheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Units a period change gives their new instances at once (their calls in parallel, then its cursor is stored).</summary>
    [Range(1, 10_000)]
    public int TurnBatch { get; set; } = 500;

    /// <summary>
    /// The pause between a period change's batches: the change goes at a pace that leaves the
    /// nodes room for the day's writes (the wall stays live while 500,000 instances go out).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TurnPause { get; set; } = TimeSpan.FromMilliseconds(100);
}
