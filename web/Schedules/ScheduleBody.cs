using Cascade.Directives;
using Cascade.Schedules;
using Cascade.Tasks;
using Cascade.Web.Directives;
using Cascade.Web.Http;
using Cascade.Web.Tasks;

namespace Cascade.Web.Schedules;

/// <summary>
/// Reads schedule bodies (docs/api.md "Schedules") with the task field rules; every problem named
/// under its field. A schedule is kept as a directive with a <see cref="Recurrence"/>.
/// </summary>
public static class ScheduleBody
{
    public const int MaxIdLength = 40;

    public static (DirectiveDraft? Draft, TargetSpec? Targets) ReadNew(BodyFields fields, Func<string> newId, DateOnly today)
    {
        var id = TaskBody.ReadId(fields);
        if (id is { Length: > MaxIdLength }) fields.Fail("id", $"A schedule's id has at most {MaxIdLength} characters (its instances add the period).");
        var issuer = fields.String("issuerUnitId", required: true);
        var title = fields.String("title", required: true, trim: true);
        if (title is not null) fields.Check("title", TaskRules.CheckTitle(title));
        var track = fields.Enum<Track>("track", required: true);
        var weight = fields.Number("weight");
        if (weight is not null) fields.Check("weight", TaskRules.CheckWeight(weight.Value));
        var note = fields.String("note", nullable: true) ?? "";
        fields.Check("note", TaskRules.CheckNote(note));
        var tags = TaskBody.ReadTags(fields);
        var every = fields.Enum<Cadence>("every", required: true);
        var dueDay = ReadDueDay(fields) ?? 0;
        string? from = null, until = null;
        if (every is { } cadence)
        {
            from = ReadPeriod(fields, "from", cadence) ?? Period.Of(cadence, today).Name;
            until = ReadPeriod(fields, "until", cadence);
            if (until is not null && from is not null && Period.TryParse(until, cadence, out var u) && Period.TryParse(from, cadence, out var f) && u.CompareTo(f) < 0)
                fields.Fail("until", "until must not be before from.");
        }
        var targets = DirectiveBody.ReadTargets(fields);
        if (fields.HasErrors) return (null, null);
        var recurrence = new Recurrence
        {
            Every = every!.Value, DueDay = dueDay, From = from!, Until = until,
            Under = targets!.Under, Kinds = targets.Kinds is { Count: > 0 } k ? [.. k] : null,
        };
        var draft = new DirectiveDraft(id ?? newId(), issuer!, title!, track!.Value, weight ?? 1, default, default, note, tags,
            Expectation.AtDue, recurrence);
        return (draft, targets);
    }

    /// <summary>A merge patch of title, weight, track, dueDay, until and note.</summary>
    public static DirectivePatch? ReadPatch(BodyFields fields, Cadence every)
    {
        var title = fields.String("title", trim: true);
        if (title is not null) fields.Check("title", TaskRules.CheckTitle(title));
        var weight = fields.Number("weight");
        if (weight is not null) fields.Check("weight", TaskRules.CheckWeight(weight.Value));
        var track = fields.Enum<Track>("track");
        var dueDay = ReadDueDay(fields);
        var untilGiven = fields.Has("until");
        var until = fields.IsNull("until") ? null : ReadPeriod(fields, "until", every);
        var note = fields.IsNull("note") ? "" : fields.String("note");
        if (note is not null) fields.Check("note", TaskRules.CheckNote(note));
        foreach (var fixedField in new[] { "every", "from", "start", "due", "expectation", "issuerUnitId" })
            if (fields.Has(fixedField)) fields.Fail(fixedField, $"{fixedField} cannot be changed on a schedule.");
        return fields.HasErrors ? null : new DirectivePatch(title, weight, null, null, note, null, track, dueDay, until, untilGiven);
    }

    /// <summary><c>"last"</c> (0) or 1..31.</summary>
    private static int? ReadDueDay(BodyFields fields)
    {
        const string Rule = "dueDay must be \"last\" or a day from 1 to 31.";
        switch (fields.KindOf("dueDay"))
        {
            case null or System.Text.Json.JsonValueKind.Null:
                return null;
            case System.Text.Json.JsonValueKind.String:
                if (fields.String("dueDay") == "last") return 0;
                break;
            case System.Text.Json.JsonValueKind.Number:
                var day = fields.Integer("dueDay");
                if (day is null or (>= 1 and <= 31)) return day; // null: not an integer, already said
                break;
        }
        fields.Fail("dueDay", Rule);
        return null;
    }

    private static string? ReadPeriod(BodyFields fields, string name, Cadence every)
    {
        var text = fields.String(name, nullable: true);
        if (text is null) return null;
        if (Period.TryParse(text, every, out var period)) return period.Name;
        fields.Fail(name, $"{name} must be a {Words(every)} period like {Period.Of(every, new DateOnly(2026, 12, 1)).Name}.");
        return null;
    }

    private static string Words(Cadence every) => every switch
    {
        Cadence.Month => "month",
        Cadence.Quarter => "quarter",
        Cadence.HalfYear => "half-year",
        _ => "year",
    };
}
