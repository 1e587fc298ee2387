using Cascade.Tasks;
using Cascade.Web.Http;

namespace Cascade.Web.Tasks;

/// <summary>
/// Reads task bodies (<see cref="NewTask"/>, <see cref="TaskChanges"/>) field by field with the
/// field rules of the task domain (<see cref="TaskRules"/>), at the HTTP edge: a body with a
/// problem never reaches the grain, and every problem is named under its field.
/// </summary>
public static class TaskBody
{
    /// <summary>The draft, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static TaskDraft? ReadDraft(BodyFields fields)
    {
        var id = ReadId(fields);
        var work = ReadWork(fields);
        var tags = ReadTags(fields);
        var expectation = fields.Enum<Expectation>("expectation") ?? Expectation.Linear;
        return fields.HasErrors ? null : new TaskDraft
        {
            Id = id, Title = work.Title!, Track = work.Track!.Value, Weight = work.Weight ?? 1, Start = work.Start!.Value, Due = work.Due!.Value,
            Note = work.Note, Tags = tags, Expectation = expectation,
        };
    }

    /// <summary>An optional client id by the task id rule (directives' ids follow it too).</summary>
    public static string? ReadId(BodyFields fields)
    {
        var id = fields.String("id");
        if (id is not null && !TaskRules.IsValidId(id)) fields.Fail("id", "id must match ^[a-z0-9][a-z0-9-]{0,63}$.");
        return id;
    }

    /// <summary>The fields of a piece of work as created (a task, or a directive its copies take): every problem recorded; the values are whole only when none was.</summary>
    public static (string? Title, Track? Track, double? Weight, DateOnly? Start, DateOnly? Due, string Note) ReadWork(BodyFields fields)
    {
        var title = fields.String("title", required: true, trim: true);
        if (title is not null) fields.Check("title", TaskRules.CheckTitle(title));
        var track = fields.Enum<Track>("track", required: true);
        var weight = fields.Number("weight");
        if (weight is not null) fields.Check("weight", TaskRules.CheckWeight(weight.Value));
        var start = fields.Date("start", required: true);
        if (start is not null) fields.Check("start", TaskRules.CheckDate(start.Value));
        var due = fields.Date("due", required: true);
        if (due is not null) fields.Check("due", TaskRules.CheckDate(due.Value));
        if (start > due) fields.Fail("start", "start must not be after due.");
        var note = fields.String("note", nullable: true) ?? "";
        fields.Check("note", TaskRules.CheckNote(note));
        return (title, track, weight, start, due, note);
    }

    /// <summary>The merge patch, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static TaskPatch? ReadPatch(BodyFields fields)
    {
        var title = fields.String("title", trim: true);
        if (title is not null) fields.Check("title", TaskRules.CheckTitle(title));
        var track = fields.Enum<Track>("track");
        var weight = fields.Number("weight");
        if (weight is not null) fields.Check("weight", TaskRules.CheckWeight(weight.Value));
        var start = fields.Date("start");
        if (start is not null) fields.Check("start", TaskRules.CheckDate(start.Value));
        var due = fields.Date("due");
        if (due is not null) fields.Check("due", TaskRules.CheckDate(due.Value));
        var status = fields.Enum<TaskItemStatus>("status");
        var progress = fields.Integer("progress");
        if (progress is not null) fields.Check("progress", TaskRules.CheckProgress(progress.Value));
        // Merge patch: "note": null clears the optional note.
        var note = fields.IsNull("note") ? "" : fields.String("note");
        if (note is not null) fields.Check("note", TaskRules.CheckNote(note));
        var tags = ReadTags(fields);
        var expectation = fields.Enum<Expectation>("expectation");
        return fields.HasErrors ? null : new TaskPatch
        {
            Title = title, Track = track, Weight = weight, Start = start, Due = due, Status = status, Progress = progress, Note = note,
            Tags = tags, Expectation = expectation,
        };
    }

    /// <summary><c>tags</c>: absent or null is none (on a patch: unchanged, null clears as [] does); each label trimmed.</summary>
    public static string[]? ReadTags(BodyFields fields)
    {
        if (fields.IsNull("tags")) return [];
        var tags = fields.Strings("tags", trim: true);
        if (tags is not null) fields.Check("tags", TaskRules.CheckTags(tags));
        return tags;
    }
}
