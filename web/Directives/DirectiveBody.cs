using Cascade.Directives;
using Cascade.Tasks;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Tasks;

namespace Cascade.Web.Directives;

/// <summary>Reads directive bodies with the task field rules (<see cref="TaskRules"/>); every problem named under its field.</summary>
public static class DirectiveBody
{
    public static (DirectiveDraft? Draft, TargetSpec? Targets) ReadNew(BodyFields fields, Func<string> newId)
    {
        var id = TaskBody.ReadId(fields);
        var issuer = fields.String("issuerUnitId", required: true);
        var work = TaskBody.ReadWork(fields);
        var tags = TaskBody.ReadTags(fields);
        var expectation = fields.Enum<Expectation>("expectation") ?? Expectation.Linear;
        var targets = ReadTargets(fields);
        if (fields.HasErrors) return (null, null);
        return (new DirectiveDraft(id ?? newId(), issuer!, work.Title!, work.Track!.Value, work.Weight ?? 1, work.Start!.Value, work.Due!.Value, work.Note, tags, expectation), targets);
    }

    /// <summary><c>{unitIds?, under?, kinds?}</c> in <c>targets</c> (create) or as the whole body (adding targets).</summary>
    public static TargetSpec? ReadTargets(BodyFields fields, bool whole = false)
    {
        var t = whole ? fields : fields.Object("targets", required: true);
        if (t is null) return null;
        var unitIds = t.Strings("unitIds");
        var under = t.String("under");
        var kinds = t.Has("kinds") && !t.IsNull("kinds") ? ReadKinds(t) : null;
        if (unitIds is null && under is null && !t.HasErrors) t.Fail("unitIds", "Name the targets: unitIds, or under (with kinds).");
        return t.HasErrors ? null : new TargetSpec(unitIds, under, kinds);
    }

    private static List<UnitKind>? ReadKinds(BodyFields t)
    {
        var names = t.Strings("kinds");
        if (names is null) return null;
        var kinds = new List<UnitKind>();
        foreach (var name in names)
        {
            if (Enum.TryParse<UnitKind>(name, ignoreCase: true, out var kind) && !int.TryParse(name, out _)) kinds.Add(kind);
            else t.Fail("kinds", $"'{name}' is not a unit kind (partyGroup, organCommittee, generalBranch, branch, office).");
        }
        return kinds;
    }

    public static DirectivePatch? ReadPatch(BodyFields fields)
    {
        var title = fields.String("title", trim: true);
        if (title is not null) fields.Check("title", TaskRules.CheckTitle(title));
        var weight = fields.Number("weight");
        if (weight is not null) fields.Check("weight", TaskRules.CheckWeight(weight.Value));
        var start = fields.Date("start");
        if (start is not null) fields.Check("start", TaskRules.CheckDate(start.Value));
        var due = fields.Date("due");
        if (due is not null) fields.Check("due", TaskRules.CheckDate(due.Value));
        if (start > due) fields.Fail("start", "start must not be after due.");
        var note = fields.IsNull("note") ? "" : fields.String("note");
        if (note is not null) fields.Check("note", TaskRules.CheckNote(note));
        var expectation = fields.Enum<Expectation>("expectation");
        return fields.HasErrors ? null : new DirectivePatch(title, weight, start, due, note, expectation);
    }
}
