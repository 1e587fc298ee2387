namespace Cascade.Audit;

/// <summary>
/// The chains of docs/api.md "Audit": one per unit, named by the unit's id, and one for users,
/// kiosks and sign-ins. Its name cannot be a unit id (those never contain '_').
/// </summary>
public static class AuditChains
{
    public const string Users = "_users";

    public static string ForUnit(string unitId) => unitId;

}
