using Cascade.Alerts;
using Cascade.Units;

namespace Cascade.Web.Alerts;

/// <summary>
/// The ledger's filters and sort beyond what the alert list itself takes (docs/api.md "Alerts",
/// the export): <c>rule</c> and <c>severity</c> (each may repeat), <c>escalatedTo</c> (only the
/// alerts that have climbed to that unit) and <c>sort</c> (<c>since</c>: newest condition
/// first; <c>severity</c>: red first, then by since; left out: the list's own order).
/// </summary>
public sealed record LedgerFilter(IReadOnlySet<string> Rules, IReadOnlySet<AlertSeverity> Severities, string? EscalatedTo, string? Sort, string? Tag = null)
{
    /// <summary>The filter, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public static LedgerFilter? Read(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in query["rule"])
            if (value is not null && AlertRules.Names.Contains(value)) rules.Add(value);
            else errors["rule"] = [$"rule is one of {string.Join(", ", AlertRules.Names.Order(StringComparer.Ordinal))}."];
        var severities = new HashSet<AlertSeverity>();
        foreach (var value in query["severity"])
            if (value is "amber" or "red") severities.Add(value == "red" ? AlertSeverity.Red : AlertSeverity.Amber);
            else errors["severity"] = ["severity is amber or red."];
        string? escalatedTo = null;
        if (query["escalatedTo"].Count > 1) errors["escalatedTo"] = ["escalatedTo may be given once."];
        else if (query["escalatedTo"].Count == 1)
        {
            escalatedTo = query["escalatedTo"].ToString();
            if (!UnitRules.IsValidId(escalatedTo)) errors["escalatedTo"] = ["escalatedTo is a unit id."];
        }
        string? sort = null;
        if (query["sort"].Count > 1) errors["sort"] = ["sort may be given once."];
        else if (query["sort"].Count == 1)
        {
            sort = query["sort"].ToString();
            if (sort is not ("since" or "severity")) errors["sort"] = ["sort is since or severity."];
        }
        var tag = ReadTag(query, errors);
        return errors.Count > 0 ? null : new(rules, severities, escalatedTo, sort, tag);
    }

    /// <summary><c>tag</c>: once, trimmed; only the alerts of tasks that carried that label when they fired.</summary>
    public static string? ReadTag(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        if (query["tag"].Count > 1) errors["tag"] = ["tag may be given once."];
        var tag = query["tag"].Count == 1 ? query["tag"].ToString().Trim() : null;
        return string.IsNullOrEmpty(tag) ? null : tag;
    }

    /// <summary>The alerts that pass, in the asked order (a stable sort: ties keep the list's order).</summary>
    public IEnumerable<AlertDto> Apply(IEnumerable<AlertDto> alerts)
    {
        var kept = alerts.Where(a => (Rules.Count == 0 || Rules.Contains(a.Rule))
            && (Severities.Count == 0 || Severities.Contains(a.Severity))
            && (EscalatedTo is null || (a.EscalationLevel > 0 && a.EscalatedToUnitId == EscalatedTo))
            && (Tag is null || a.Figures?.HasTag(Tag) == true));
        return Sort switch
        {
            "since" => kept.OrderByDescending(a => a.Since),
            "severity" => kept.OrderByDescending(a => a.Severity).ThenByDescending(a => a.Since),
            _ => kept,
        };
    }
}
