using Cascade.Directives;
using Cascade.Tasks;
using Cascade.Web.Http;

namespace Cascade.Web.Findings;

/// <summary>Reads finding bodies; every problem named under its field.</summary>
public static class FindingBody
{
    /// <summary>A finding's id: the task id rule with room for <c>f-</c> in front.</summary>
    public static bool IsValidId(string? id) => id is { Length: <= 62 } && TaskRules.IsValidId(id);

    public static (string? Id, string? UnitId, string? Text, DateOnly? Due, Track Track, double Weight, string? Inspector) ReadNew(BodyFields fields, DateOnly today)
    {
        var id = fields.String("id", nullable: true);
        if (id is not null && !IsValidId(id)) fields.Fail("id", "id must match ^[a-z0-9][a-z0-9-]{0,61}$ (the task is f-{id}).");
        var unitId = fields.String("unitId", required: true);
        var text = ReadText(fields, required: true);
        var due = ReadDue(fields, today, required: true);
        var track = fields.Enum<Track>("track") ?? Track.Party;
        var weight = fields.Number("weight") ?? 1;
        fields.Check("weight", TaskRules.CheckWeight(weight));
        var inspector = fields.String("inspectorUnitId");
        return (id, unitId, text, due, track, weight, inspector);
    }

    public static (string? Text, DateOnly? Due) ReadPatch(BodyFields fields, DateOnly today) =>
        (ReadText(fields, required: false), ReadDue(fields, today, required: false));

    /// <summary>A decision's note ("" when left out) and progress (reopen: 0..99, 90 when left out).</summary>
    public static (string Note, int Progress) ReadDecision(BodyFields fields)
    {
        var note = fields.String("note", nullable: true) ?? "";
        fields.Check("note", TaskRules.CheckNote(note));
        var progress = fields.Integer("progress") ?? FindingRules.ReopenProgress;
        if (progress is < 0 or > 99) fields.Fail("progress", "progress must be from 0 to 99 (the task goes back to inProgress).");
        return (note, progress);
    }

    private static string? ReadText(BodyFields fields, bool required)
    {
        var text = fields.String("text", required: required, trim: true);
        if (text is not null && text.Length is 0 or > FindingRules.MaxText) fields.Fail("text", $"text must have 1 to {FindingRules.MaxText} characters.");
        return text;
    }

    private static DateOnly? ReadDue(BodyFields fields, DateOnly today, bool required)
    {
        var due = fields.Date("due", required: required);
        if (due is { } d)
        {
            fields.Check("due", TaskRules.CheckDate(d));
            if (d < today) fields.Fail("due", "due must be today or later: the task starts today.");
        }
        return due;
    }
}
