using Cascade.Audit;

namespace Cascade.Directives;

/// <summary>What the audit trail records of a directive (canonical JSON, as the API shows it).</summary>
public static class DirectiveSnapshots
{
    public static string Of(Directive d) => new CanonicalObject()
        .Add("id", d.Id).Add("issuerUnitId", d.IssuerUnitId).Add("title", d.Title).Add("track", d.Track).Add("weight", d.Weight)
        .Add("start", d.Start).Add("due", d.Due).Add("expectation", d.Expectation).Add("note", d.Note).Add("tags", d.Tags ?? []).Add("version", d.Version)
        .ToString();

    public static string Targets(IReadOnlyList<string> unitIds) => new CanonicalObject()
        .Add("count", unitIds.Count).Add("unitIds", unitIds)
        .ToString();
}
