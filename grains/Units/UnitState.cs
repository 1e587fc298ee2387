using Cascade.Audit;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>
/// A unit's durable state: its definition, its children's ids, its own tasks, and the audit
/// drafts of its latest changes not yet delivered to its chain. A deleted unit keeps a state
/// without <see cref="Info"/> until its last draft left.
/// </summary>
[GenerateSerializer, Alias("cascade.unit-state")]
public sealed class UnitState
{
    /// <summary>Null while the unit does not exist.</summary>
    [Id(0)] public UnitInfo? Info { get; set; }
    [Id(1)] public List<string> Children { get; set; } = [];
    [Id(2)] public List<TaskItem> Tasks { get; set; } = [];
    [Id(3)] public List<AuditDraft> Audit { get; set; } = [];
}
