using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// What an owner's shard asks a target unit to hold: the copy <see cref="TaskId"/> of the directive
/// or schedule <see cref="OwnerId"/> at the owner's <see cref="OwnerVersion"/>. Idempotent: a unit
/// creates the copy once and applies only newer versions. A schedule's order names the
/// <see cref="Period"/> its instance is the duty of.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-order")]
public sealed record CopyOrder(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string IssuerUnitId,
    [property: Id(2)] int Shard,
    [property: Id(3)] long OwnerVersion,
    [property: Id(4)] CopyFields Fields,
    /// <summary>Labels the copy gets when it is created (later owner versions do not change them).</summary>
    [property: Id(5)] string[]? Tags,
    /// <summary>Who changed the owner: the actor of the copy's audit entry.</summary>
    [property: Id(6)] string By,
    [property: Id(7)] string? ByName,
    /// <summary>True: remove the copy (the target or the whole owner withdrawn).</summary>
    [property: Id(8)] bool Withdraw = false,
    /// <summary>A schedule's period (<c>2026-12</c>): the copy is that period's instance, <c>{OwnerId}-{Period}</c>.</summary>
    [property: Id(9)] string? Period = null,
    /// <summary>True: the owner is deleted and its copies stay as the unit's own tasks (a schedule's).</summary>
    [property: Id(10)] bool Release = false,
    /// <summary>A finding's task: its shard tells the owner of every report at once (the finding's state follows it).</summary>
    [property: Id(11)] bool Finding = false,
    /// <summary>A closed finding's task (销号): locked, its unit may no longer change it.</summary>
    [property: Id(12)] bool Lock = false,
    /// <summary>A reopened finding's task: a done copy goes back to inProgress at this progress.</summary>
    [property: Id(13)] int? Reopen = null)
{
    /// <summary>The id of the copy in the target unit.</summary>
    public string TaskId => Period is null ? OwnerId : InstanceId(OwnerId, Period);

    public bool IsSchedule => Period is not null;

    public static string InstanceId(string scheduleId, string period) => $"{scheduleId}-{period}";

    /// <summary>True when <paramref name="task"/> is this order's copy (its owner, and for a schedule its period).</summary>
    public bool Owns(TaskItem task) => Period is null
        ? task.DirectiveId == OwnerId
        : task.ScheduleId == OwnerId && task.Period == Period;
}
