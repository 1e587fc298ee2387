using Cascade.Units;
using Cascade.Web.Http;

namespace Cascade.Web.Units;

/// <summary>Reads unit bodies field by field with the rules of docs/domain.md "Tree".</summary>
public static class UnitBody
{
    /// <summary>The draft, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static UnitDraft? ReadDraft(BodyFields fields)
    {
        var id = fields.String("id", required: true);
        if (id is not null && !UnitRules.IsValidId(id))
            fields.Fail("id", "id must match ^[a-z0-9][a-z0-9-]{0,63}$.");
        var parentId = fields.String("parentId", required: true, nullable: true);
        if (parentId is not null && !UnitRules.IsValidId(parentId))
            fields.Fail("parentId", "parentId must be a unit id.");
        var name = fields.String("name", required: true, trim: true);
        if (name is not null) fields.Check("name", UnitRules.CheckName(name));
        var kind = fields.Enum<UnitKind>("kind", required: true);
        var sort = fields.Integer("sort") ?? 0;
        return fields.HasErrors ? null : new UnitDraft(id!, parentId, name!, kind!.Value, sort);
    }

    /// <summary>
    /// The parent a create body names, unread and unchecked, for the permission decision that
    /// comes before the body's rules: "" for a root or a body that names none.
    /// </summary>
    public static string ClaimedParent(RequestBody body) =>
        body.Root is { ValueKind: System.Text.Json.JsonValueKind.Object } root
            && root.TryGetProperty("parentId", out var parent) && parent.ValueKind == System.Text.Json.JsonValueKind.String
            ? parent.GetString() ?? "" : "";

    public static UnitPatch? ReadPatch(BodyFields fields)
    {
        var name = fields.String("name", trim: true);
        if (name is not null) fields.Check("name", UnitRules.CheckName(name));
        var kind = fields.Enum<UnitKind>("kind");
        var parentGiven = fields.Has("parentId");
        var parentId = fields.String("parentId", nullable: true);
        if (parentId is not null && !UnitRules.IsValidId(parentId))
            fields.Fail("parentId", "parentId must be a unit id.");
        var sort = fields.Integer("sort");
        return fields.HasErrors ? null : new UnitPatch(name, kind, parentGiven, parentId, sort);
    }
}
