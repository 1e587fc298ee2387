using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>A unit's durable state: its definition, its children's ids and its own tasks only.</summary>
[GenerateSerializer, Alias("cascade.unit-state")]
public sealed class UnitState
{
    /// <summary>Null while the unit does not exist.</summary>
    [Id(0)] public UnitInfo? Info { get; set; }
    [Id(1)] public List<string> Children { get; set; } = [];
    [Id(2)] public List<TaskItem> Tasks { get; set; } = [];
}
