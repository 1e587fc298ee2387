using Cascade.Wall;

namespace Cascade.Web.Wall;

/// <summary>The walls watching one <see cref="WatchKey"/>, and what they have not been sent yet.</summary>
internal sealed class WallGroup(WatchKey key, HashSet<string> view)
{
    public WatchKey Key { get; } = key;
    public HashSet<string> View { get; set; } = view;
    public HashSet<string> Connections { get; } = [];
    public Dictionary<string, SummaryMessage> Summaries { get; } = [];
    public List<TaskChange> Changes { get; } = [];
    public bool Structure { get; set; }
    /// <summary>When the last messages went out (Environment.TickCount64), newest last: at most 4 in any window.</summary>
    public Queue<long> Sent { get; } = new();
    /// <summary>When the ticker was last sent: it gets at most one message a second, summaries the rest.</summary>
    public long ChangesSent { get; set; } = long.MinValue / 2;

    public bool HasPending => Structure || Summaries.Count > 0 || Changes.Count > 0;
}
