using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>The owner side of docs/domain.md "Directives": a patch applied, a new version.</summary>
public static class DirectiveRules
{
    /// <summary>The directive with the patch applied (not yet a new version); a problem when the window would turn round.</summary>
    public static Result<Directive> Apply(Directive stored, DirectivePatch patch)
    {
        if (stored.Recurrence is { } r) return ScheduleRules.Apply(stored, r, patch);
        var start = patch.Start ?? stored.Start;
        var due = patch.Due ?? stored.Due;
        if (start > due) return Result<Directive>.Invalid(patch.Start is null ? "due" : "start", "start must not be after due");
        return Result<Directive>.Ok(stored with
        {
            Title = patch.Title ?? stored.Title,
            Weight = patch.Weight ?? stored.Weight,
            Start = start,
            Due = due,
            Note = patch.Note ?? stored.Note,
            Expectation = patch.Expectation ?? stored.Expectation,
        });
    }

    public static bool SameContent(Directive a, Directive b) =>
        a.Owned == b.Owned && a.Note == b.Note && TaskRules.SameTags(a.Tags, b.Tags)
        && a.Recurrence?.DueDay == b.Recurrence?.DueDay && a.Recurrence?.Until == b.Recurrence?.Until;

    public static Directive Create(DirectiveDraft d, DateTimeOffset now, string by, string? byName) => new()
    {
        Id = d.Id, IssuerUnitId = d.IssuerUnitId, Title = d.Title, Track = d.Track, Weight = d.Weight,
        Start = d.Start, Due = d.Due, Expectation = d.Expectation, Note = d.Note, Tags = d.Tags is { Length: > 0 } t ? t : null, Version = 1,
        Recurrence = d.Recurrence, Finding = d.Finding,
        State = DirectiveState.Deploying, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by, UpdatedByName = byName,
    };
}
