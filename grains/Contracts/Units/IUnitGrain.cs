using Cascade.Audit;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Wall;
using Orleans.Concurrency;

namespace Cascade.Units;

/// <summary>
/// One unit of the responsibility tree, keyed by unit id: owns its tasks and its summary.
/// Structure methods are called only by <see cref="IOrganizationGrain"/>, which owns the tree's
/// shape. Calls only ever go down the tree awaited; upward a unit sends one-way reports.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit, its children and its summary; null when the unit does not exist.</summary>
    Task<UnitView?> Get();
    Task<Summary?> GetSummary();
    Task<IReadOnlyList<TaskItem>?> GetTasks();
    Task<Result<TaskItem>> GetTask(string taskId);
    /// <summary>Its tasks and its own open alerts in one answer, for an inspection (docs/architecture.md "Inspections"); null when the unit does not exist.</summary>
    [Orleans.Concurrency.ReadOnly] Task<Cascade.Inspections.UnitSnapshot?> Snapshot();

    /// <summary><paramref name="byName"/>: <paramref name="by"/>'s display name, stored with the task (<c>updatedByName</c>).</summary>
    Task<Result<TaskItem>> CreateTask(TaskDraft draft, string? by, string? byName = null);
    Task<Result<TaskItem>> PatchTask(string taskId, TaskPatch patch, string? ifMatch, string? by, string? byName = null);
    /// <summary>A directive's copy goes only with <paramref name="mayRemoveCopy"/> (an admin): its directive then withdraws that target.</summary>
    Task<Result<TaskItem>> DeleteTask(string taskId, string? ifMatch, string? by, bool mayRemoveCopy = false);
    /// <summary>Seeds many tasks with one durable write (demo organization, benchmarks).</summary>
    Task<Result<int>> ImportTasks(IReadOnlyList<TaskDraft> drafts, string? by);

    /// <summary>Whether the unit could take the copy the order names now (docs/domain.md "Directives"); UnitGone when it does not exist.</summary>
    [Orleans.Concurrency.ReadOnly] Task<Cascade.Directives.CopyOutcome> CheckCopy(Cascade.Directives.CopyOrder order);
    /// <summary>Creates, updates (newer owner versions only), withdraws or releases the copy the order names, with its audit entry; idempotent.</summary>
    Task<Cascade.Directives.CopyReceipt> ReceiveCopy(Cascade.Directives.CopyOrder order);
    /// <summary>Several schedules' new instances at once (a period change): each order as <see cref="ReceiveCopy"/>, with one write for all.</summary>
    Task<Cascade.Directives.CopyReceipt[]> ReceiveCopies(Cascade.Directives.CopyOrder[] orders);
    /// <summary>The copy <paramref name="taskId"/> of <paramref name="ownerId"/> as the unit holds it, null when it holds none.</summary>
    [Orleans.Concurrency.ReadOnly] Task<Cascade.Directives.CopyReport?> GetCopy(string taskId, string ownerId);
    /// <summary>Records a <c>directive.*</c> entry in this (the issuing) unit's audit chain, stored before it answers.</summary>
    Task RecordDirective(AuditStamp stamp, string action, string directiveId, string? before, string? after);

    /// <summary>A child's latest subtree totals. One-way, so no call cycle can form.</summary>
    [OneWay] Task ChildChanged(ChildReport report);
    /// <summary>The report a parent asks for when it (re)activates or adopts this unit.</summary>
    Task<ChildReport?> GetReport();
    /// <summary>
    /// A wall watches this unit for <paramref name="lease"/>: publish its changes to the feed until
    /// then; <paramref name="republish"/> sends the current summary at once (a host just started watching).
    /// </summary>
    [OneWay] Task SetWatched(TimeSpan lease, bool republish);
    /// <summary>The latest task changes in this unit's subtree, oldest first (the wall's ticker).</summary>
    Task<IReadOnlyList<TaskChange>> GetRecentChanges();
    /// <summary>The unit's own alerts (docs/domain.md "Alerts"); with <paramref name="resolved"/>, the latest resolved ones too.</summary>
    Task<IReadOnlyList<Cascade.Alerts.Alert>> GetAlerts(bool resolved);
    /// <summary>
    /// The alerts that sit with this unit: its own (as <see cref="GetAlerts"/>) and the open alerts
    /// of units below that have climbed to it (docs/domain.md "Alerts", escalation), from the open-alert index.
    /// </summary>
    Task<IReadOnlyList<Cascade.Alerts.Alert>> GetAlertsHere(bool resolved);
    /// <summary>
    /// An alert of a unit below, as its unit now holds it, sent to where it sits and to where it
    /// sat before: walls watching this unit hear it (the open-alert index keeps it). One-way: only
    /// ever sent upwards, after the change.
    /// </summary>
    [OneWay] Task AlertMoved(Cascade.Alerts.Alert alert);
    /// <summary>
    /// Acknowledges one of the unit's alerts (audited); a repeat keeps the first acknowledgement.
    /// <paramref name="byName"/> is <paramref name="by"/>'s display name, stored with it.
    /// </summary>
    Task<Result<Cascade.Alerts.Alert>> AcknowledgeAlert(string alertId, string by, string note, string? byName = null);
    /// <summary>
    /// Reads every child's report again, publishes the summary again to walls watching, and sends the
    /// open-alert index its open alerts again: one-way messages lost while a node died no longer count.
    /// Called on every active unit after the cluster changed (<see cref="RollupRepair"/>).
    /// </summary>
    Task Reconcile();
    /// <summary>Activates the unit so its clock runs; sent after a restart.</summary>
    [OneWay] Task Wake();

    // Structure, called by the organization grain only.
    Task<UnitNode?> GetNode();
    /// <summary>Structure changes carry who made them and when: the unit records them in its audit chain.</summary>
    Task Initialize(UnitInfo unit, AuditStamp stamp);
    Task SetInfo(UnitInfo unit, AuditStamp stamp);
    Task AddChildren(IReadOnlyList<string> childIds);
    Task RemoveChild(string childId);
    /// <summary>Deletes the unit unless it has children or tasks (then a conflict).</summary>
    Task<Result<bool>> TryDelete(AuditStamp stamp);
}
