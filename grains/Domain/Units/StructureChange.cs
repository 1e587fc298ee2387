using Cascade.Audit;

namespace Cascade.Units;

/// <summary>
/// A structure change the organization grain has decided and recorded but may not have
/// finished applying to the unit grains. Replaying one is idempotent. <see cref="Stamp"/> says
/// who asked for it and when: the unit records that in its audit chain when it applies the change.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.structure-change")]
public sealed record StructureChange(
    [property: Id(0)] StructureChangeKind Kind,
    [property: Id(1)] UnitInfo Unit,
    [property: Id(2)] string? OldParentId,
    [property: Id(3)] AuditStamp Stamp);

[GenerateSerializer]
public enum StructureChangeKind
{
    Create = 0,
    Update = 1,
    Delete = 2,
}
