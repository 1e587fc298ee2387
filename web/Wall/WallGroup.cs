using Cascade.Tasks;
using System.Diagnostics;
using Cascade.Wall;
using Microsoft.AspNetCore.SignalR;

namespace Cascade.Web.Wall;

/// <summary>The walls watching one <see cref="WatchKey"/>, and what they have not been sent yet.</summary>
internal sealed class WallGroup(WatchKey key, HashSet<string> view)
{
    public WatchKey Key { get; } = key;
    public HashSet<string> View { get; set; } = view;
    public HashSet<WallConnection> Connections { get; } = [];
    /// <summary>The newest summary of every unit in view that changed since the group formed: what a wall that fell behind is caught up from.</summary>
    public Dictionary<string, SummaryMessage> Latest { get; } = [];
    /// <summary>Units with a newer summary than the group's last <c>summaries</c> message.</summary>
    public HashSet<string> Changed { get; } = [];
    /// <summary>Ticker items not sent yet, oldest first.</summary>
    public List<TaskChange> Changes { get; } = [];
    /// <summary>Alerts of units in view that changed since the last <c>alerts</c> message, the newest state of each.</summary>
    public Dictionary<string, Cascade.Alerts.Alert> Alerts { get; } = [];
    /// <summary>Directives issued by the watched unit that changed since the last <c>directives</c> message, the newest state of each.</summary>
    public Dictionary<string, Cascade.Directives.DirectiveRow> Directives { get; } = [];
    public bool Structure { get; set; }
    /// <summary>When the first summary or change of shape still unsent arrived (null: none since the last message).</summary>
    public long? FirstPending { get; set; }
    /// <summary>When the group's last <c>summaries</c> or <c>structure</c> message went out (ms, high-resolution clock).</summary>
    public long SummariesSent { get; set; } = long.MinValue / 2;
    /// <summary>When the ticker was last sent.</summary>
    public long ChangesSent { get; set; } = long.MinValue / 2;

    /// <summary>A wall that can take a catch-up message now.</summary>
    public bool HasCatchUp => Connections.Any(c => c.Sending is null && c.NeedsCatchUp);

    /// <summary>Something for the summaries lane: a change of shape, newer summaries or a catch-up.</summary>
    public bool HasSummaries => Structure || Changed.Count > 0 || Directives.Count > 0 || HasCatchUp;

    /// <summary>Something for the ticker lane: ticker items, alerts, or alerts a busy wall missed.</summary>
    public bool HasTicker => Changes.Count > 0 || Alerts.Count > 0 || Connections.Any(c => c.MissedAlerts.Count > 0);

    public bool HasPending => HasSummaries || HasTicker;

    /// <summary>The trace of the first summary, and of the first ticker item or alert, waiting for the group's next message.</summary>
    public ActivityContext SummariesTrace { get; set; }
    public ActivityContext TickerTrace { get; set; }

    public void Touch(long now) => FirstPending ??= now;
}

/// <summary>One wall's connection: the message on its way to it, and what it missed while that was.</summary>
internal sealed class WallConnection(HubConnectionContext connection)
{
    public string Id => Connection.ConnectionId;
    public HubConnectionContext Connection { get; } = connection;
    public WallGroup? Group { get; set; }
    /// <summary>The message not yet handed to the transport, if any: a wall has at most one.</summary>
    public Task? Sending { get; set; }
    public long SendingSince { get; set; }
    /// <summary>Units whose newer summaries went to the group while this wall was still busy.</summary>
    public HashSet<string> Missed { get; } = [];
    public bool MissedStructure { get; set; }
    /// <summary>Alerts that went to the group while this wall was still busy: sent at its next ticker slot.</summary>
    public Dictionary<string, Cascade.Alerts.Alert> MissedAlerts { get; } = [];
    public bool Dropped { get; set; }

    /// <summary>Directive rows that went to the group while this wall was busy.</summary>
    public Dictionary<string, Cascade.Directives.DirectiveRow> MissedDirectives { get; } = [];

    public bool NeedsCatchUp => MissedStructure || Missed.Count > 0 || MissedDirectives.Count > 0;
}
