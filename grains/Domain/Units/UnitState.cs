using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Notifications;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>
/// A unit's durable state: its definition, its children's ids, its own tasks, and its audit
/// chain's head with the entries of its latest changes not yet in the audit store. A deleted
/// unit keeps a state without <see cref="Info"/>: its chain goes on if the id is used again.
/// </summary>
[GenerateSerializer, Alias("cascade.unit-state")]
public sealed class UnitState
{
    /// <summary>Null while the unit does not exist.</summary>
    [Id(0)] public UnitInfo? Info { get; set; }
    [Id(1)] public List<string> Children { get; set; } = [];
    [Id(2)] public List<TaskItem> Tasks { get; set; } = [];
    /// <summary>Audit entries made with the latest changes, until the store has them.</summary>
    [Id(3)] public List<AuditEntry> Audit { get; set; } = [];
    /// <summary>The end of this unit's audit chain; null before its first entry.</summary>
    [Id(4)] public AuditChainHead? AuditHead { get; set; }
    /// <summary>The unit's alerts (docs/domain.md "Alerts"): source data, stored before an answer like the tasks.</summary>
    [Id(5)] public AlertBook Alerts { get; set; } = new();
    /// <summary>Marks each write, so a write whose answer was lost is recognised when read back (UnitStore.Write).</summary>
    [Id(6)] public Guid WriteId { get; set; }
    /// <summary>
    /// The summary version this unit had reached when the state was last written: a new activation
    /// starts above it (UnitRollup.Version). 0 in states written before it existed.
    /// </summary>
    [Id(7)] public long HighWater { get; set; }
    /// <summary>
    /// Notification events made with the latest changes, until the dispatcher took them (docs/architecture.md
    /// "Notifications"). Null while no route could take any: without routes units never make one.
    /// </summary>
    [Id(8)] public List<NotifyEvent>? Notify { get; set; }
}
