using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Web.Directives;

/// <summary>
/// The body of <c>POST /api/v1/directives</c> as the OpenAPI document shows it (read field by
/// field by <see cref="DirectiveBody"/>).
/// </summary>
/// <param name="Id">Optional: the task id rule; the copies carry it. The same id and body again answers the stored directive.</param>
/// <param name="IssuerUnitId">The unit that hands the work down; targets lie strictly below it.</param>
/// <param name="Note">The instruction, at most 2000 characters.</param>
/// <param name="Tags">Labels every copy gets.</param>
public sealed record NewDirective(
    string? Id, string IssuerUnitId, string Title, Track Track, double? Weight, DateOnly Start, DateOnly Due, string? Note,
    IReadOnlyList<string>? Tags, DirectiveTargets Targets, Expectation? Expectation = null);

/// <summary>Which units get a copy: the listed ones, plus every unit strictly below <c>under</c> of the given kinds (all kinds when left out).</summary>
public sealed record DirectiveTargets(IReadOnlyList<string>? UnitIds, string? Under, IReadOnlyList<UnitKind>? Kinds);

/// <summary>A merge patch of <c>PATCH /api/v1/directives/{id}</c>: the copies' owned fields follow.</summary>
public sealed record DirectiveChanges(string? Title, double? Weight, DateOnly? Start, DateOnly? Due, string? Note, Expectation? Expectation = null);
