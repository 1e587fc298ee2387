namespace Cascade.Units;

/// <summary>
/// Small on purpose: the tree itself lives in the unit grains' states (each unit knows its
/// parent and children), so no single stored state grows with the organization.
/// </summary>
[GenerateSerializer, Alias("cascade.organization-state")]
public sealed class OrganizationState
{
    [Id(0)] public string? RootId { get; set; }
    [Id(1)] public List<StructureChange> Pending { get; set; } = [];
}
