using Cascade.Identity;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Audit;

/// <summary>The before and after of each kind of entry: what the API shows of the resource, never a secret.</summary>
public static class AuditSnapshots
{
    public static object Task(string unitId, TaskItem t) => new
    {
        t.Id, UnitId = unitId, t.Title, t.Track, t.Weight, t.Start, t.Due, t.Status, t.Progress, t.Note,
        t.Version, t.UpdatedAt, t.UpdatedBy, t.DirectiveId,
    };

    public static object Unit(UnitInfo u) => new { u.Id, u.ParentId, u.Name, u.Kind, u.Sort };

    /// <summary>No password hash and no stamp.</summary>
    public static object User(UserRecord u) => new { u.Username, u.DisplayName, u.Role, u.UnitId, u.Disabled };

    /// <summary>No token, no token hash.</summary>
    public static object Kiosk(KioskRecord k) => new { k.Id, k.Name, k.UnitId, k.Depth, k.CreatedAt };

    public static object Import(IReadOnlyList<TaskItem> tasks) => new { Count = tasks.Count, Ids = tasks.Select(t => t.Id).ToArray() };

    public static object SignIn(string address) => new { Address = address };

    /// <summary><paramref name="reason"/>: <c>refused</c> (unknown user, wrong password, disabled) or <c>locked</c>.</summary>
    public static object SignInFailed(string address, string reason) => new { Address = address, Reason = reason };
}
