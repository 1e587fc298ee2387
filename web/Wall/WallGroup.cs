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
    /// <summary>When the group may be sent to next (Environment.TickCount64): a budget of 4 messages a second.</summary>
    public long NextSend { get; set; }

    public bool HasPending => Structure || Summaries.Count > 0 || Changes.Count > 0;
}
