using System.ComponentModel.DataAnnotations;

namespace Cascade.Wall;

/// <summary>The push path's timing (docs/architecture.md "Data flows one way", step 4, docs/api.md "Live push").</summary>
public sealed class WallOptions
{
    public const string Section = "Cascade:Wall";

    /// <summary>
    /// A feed partition's leading-edge throttle: changes inside this window after a batch go
    /// to the hosts together at its end. Short, because every host folds what arrives into
    /// each wall's next message anyway; a longer window only adds latency.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan FeedWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A wall whose previous message has not left its host after this long is disconnected:
    /// it has stopped reading, and holding messages for it would only grow the host's buffers.
    /// A wall that is still alive reconnects and watches again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DropAfter { get; set; } = TimeSpan.FromSeconds(10);
}
