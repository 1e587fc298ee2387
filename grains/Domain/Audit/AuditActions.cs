namespace Cascade.Audit;

/// <summary>The <c>action</c> of every kind of audit entry.</summary>
public static class AuditActions
{
    public const string UnitCreate = "unit.create";
    public const string UnitUpdate = "unit.update";
    public const string UnitDelete = "unit.delete";
    public const string TaskCreate = "task.create";
    public const string TaskUpdate = "task.update";
    public const string TaskDelete = "task.delete";
    /// <summary>Many tasks seeded in one write (demo, benchmarks); after is <c>{count, ids}</c>.</summary>
    public const string TaskImport = "task.import";
    /// <summary>In the issuing unit's chain; the entry's task id is the directive's id.</summary>
    public const string DirectiveCreate = "directive.create";
    public const string DirectiveUpdate = "directive.update";
    /// <summary>Targets added (after: the added ids) or one withdrawn (before: its id).</summary>
    public const string DirectiveTargets = "directive.targets";
    public const string DirectiveDelete = "directive.delete";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserPassword = "user.password";
    public const string KioskCreate = "kiosk.create";
    public const string KioskRevoke = "kiosk.revoke";
    /// <summary>A test message sent through a notification channel; after is <c>{channel, type, deliveryId, delivered, status}</c>.</summary>
    public const string NotifyTest = "notify.test";
    public const string AlertAcknowledge = "alert.acknowledge";
    /// <summary>In the users chain, with the silenced unit's id; after is the silence.</summary>
    public const string SilenceCreate = "silence.create";
    /// <summary>A silence ended early (DELETE); before and after are the silence.</summary>
    public const string SilenceEnd = "silence.end";
    public const string SignIn = "signIn";
    public const string SignInFailed = "signInFailed";
    public const string SignOut = "signOut";

    /// <summary>The actor of writes no person made: the demo's seeding, imports.</summary>
    public const string System = "system";
}
