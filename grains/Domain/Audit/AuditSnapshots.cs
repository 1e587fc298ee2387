using Cascade.Identity;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Audit;

/// <summary>
/// The before and after of each kind of entry, as canonical JSON: what the API shows of the
/// resource (camelCase, enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z),
/// never a secret.
/// </summary>
public static class AuditSnapshots
{
    public static string Task(string unitId, TaskItem t) => new CanonicalObject()
        .Add("id", t.Id).Add("unitId", unitId).Add("title", t.Title).Add("track", t.Track).Add("weight", t.Weight)
        .Add("start", t.Start).Add("due", t.Due).Add("status", t.Status).Add("progress", t.Progress).Add("note", t.Note)
        .Add("version", t.Version).Add("updatedAt", t.UpdatedAt).Add("updatedBy", t.UpdatedBy).Add("directiveId", t.DirectiveId)
        .ToString();

    public static string Unit(UnitInfo u) => new CanonicalObject()
        .Add("id", u.Id).Add("parentId", u.ParentId).Add("name", u.Name).Add("kind", u.Kind).Add("sort", u.Sort)
        .ToString();

    /// <summary>No password hash and no stamp.</summary>
    public static string User(UserRecord u) => new CanonicalObject()
        .Add("username", u.Username).Add("displayName", u.DisplayName).Add("role", u.Role).Add("unitId", u.UnitId).Add("disabled", u.Disabled)
        .ToString();

    /// <summary>No token, no token hash.</summary>
    public static string Kiosk(KioskRecord k) => new CanonicalObject()
        .Add("id", k.Id).Add("name", k.Name).Add("unitId", k.UnitId).Add("depth", k.Depth).Add("createdAt", k.CreatedAt)
        .ToString();

    public static string Import(IReadOnlyList<TaskItem> tasks) => new CanonicalObject()
        .Add("count", tasks.Count).Add("ids", tasks.Select(t => t.Id))
        .ToString();

    public static string Alert(Alerts.Alert a) => new CanonicalObject()
        .Add("id", a.Id).Add("rule", a.Rule).Add("severity", a.Severity).Add("unitId", a.UnitId).Add("taskId", a.TaskId)
        .Add("state", a.State).Add("acknowledgedBy", a.AcknowledgedBy).Add("note", a.Note)
        .Add("escalationLevel", a.EscalationLevel).Add("escalatedToUnitId", a.EscalatedToUnitId)
        .ToString();

    public static string SignIn(string address) => new CanonicalObject().Add("address", address).ToString();

    /// <summary><paramref name="reason"/>: <c>refused</c> (unknown user, wrong password, disabled) or <c>locked</c>.</summary>
    public static string SignInFailed(string address, string reason) => new CanonicalObject().Add("address", address).Add("reason", reason).ToString();

    /// <summary>Failed sign-ins of names no account has, from one address within one minute.</summary>
    public static string UnknownSignIns(string address, DateTimeOffset minute, int count) =>
        new CanonicalObject().Add("address", address).Add("reason", "unknownUser").Add("minute", minute).Add("count", count).ToString();

    public static string SignOut(string address) => new CanonicalObject().Add("address", address).ToString();
}
