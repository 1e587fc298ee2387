namespace Cascade.Units;

[GenerateSerializer]
public enum UnitKind
{
    /// <summary>党组: the root, carries overall responsibility.</summary>
    PartyGroup = 0,
    /// <summary>机关党委: drives implementation, guides branches.</summary>
    OrganCommittee = 1,
    /// <summary>党总支: groups branches.</summary>
    GeneralBranch = 2,
    /// <summary>党支部: does the work and reports it.</summary>
    Branch = 3,
    /// <summary>处室 / 直属单位: a business division or subordinate unit.</summary>
    Office = 4,
}
