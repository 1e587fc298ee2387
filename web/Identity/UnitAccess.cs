using Cascade.Identity;
using Cascade.Units;
using Microsoft.AspNetCore.Authorization;

namespace Cascade.Web.Identity;

/// <summary>
/// Resource-based authorization of writes to a unit (the resource is the unit id), the one
/// place that decides who may change what: admins everything; editors the tasks and alerts of
/// their unit and its descendants, looked up on the server; leaders acknowledge alerts;
/// viewers nothing.
/// </summary>
public sealed class UnitAccess(IGrainFactory grains) : AuthorizationHandler<UnitAccess.Requirement, string>
{
    public sealed record Requirement(string Name) : IAuthorizationRequirement;

    /// <summary>Create, update or delete tasks of the unit.</summary>
    public static readonly Requirement WriteTasks = new(nameof(WriteTasks));
    /// <summary>Create, move, rename or delete the unit itself (the tree's shape).</summary>
    public static readonly Requirement ChangeStructure = new(nameof(ChangeStructure));
    /// <summary>Acknowledge an alert that belongs to, or has escalated to, the unit (leaders too).</summary>
    public static readonly Requirement AcknowledgeAlerts = new(nameof(AcknowledgeAlerts));

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement, string unitId)
    {
        var allowed = context.User.Role() switch
        {
            Role.Admin => true,
            Role.Leader => requirement == AcknowledgeAlerts,
            Role.Editor when (requirement == WriteTasks || requirement == AcknowledgeAlerts) && context.User.UnitId() is { } home =>
                await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).IsWithin(unitId, home),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
    }
}
